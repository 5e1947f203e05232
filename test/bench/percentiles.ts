/** p50 and p99 of samples (milliseconds), rounded to 0.01. */
export function percentiles(samples: number[]): { p50: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (x: number) => Math.round(x * 100) / 100;
  return { p50: round(at(0.5) ?? 0), p99: round(at(0.99) ?? 0), n: sorted.length };
}

/** Milliseconds since `start` (process.hrtime.bigint()). */
export const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
