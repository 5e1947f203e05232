const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** The longest duration anyone means (100 years): a bound that keeps every date computable. */
export const MAX_DURATION_MS = 100 * 365 * 86_400_000;

/**
 * "90s", "15m", "10h", "1d", "250ms" → milliseconds; a bare number is seconds. Null when malformed
 * or absurd.
 */
export function parseDuration(value: string | number): number | null {
  const ms =
    typeof value === 'number'
      ? value * 1000
      : ((m) => (m ? Number(m[1]) * UNIT_MS[m[2]] : NaN))(
          /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim()),
        );
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_DURATION_MS ? ms : null;
}
