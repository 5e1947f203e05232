import type { Delivery, SinkRuntime } from './sink';

/** One try: done, worth another (after the server's Retry-After when it gave one), or hopeless. */
export type Attempt<T> =
  { ok: T } | { retry: string; afterMs?: number } | { fail: string; sinkDown: boolean };

export type Retried<T> = { ok: T; attempts: number } | { fail: string; sinkDown: boolean };

export interface RetryPolicy {
  attempts: number;
  /** The back-off step before the second attempt, doubled for each further one. */
  backoffMs: number;
  /** The longest wait between attempts: caps the back-off; a longer Retry-After means give up. */
  maxDelayMs: number;
}

/**
 * Exponential back-off with "equal jitter" (half the step fixed, half random): clients that failed
 * together spread out, and none retries at once.
 */
export function backoffMs(failures: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.backoffMs * 2 ** (failures - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** The one retry loop every sink shares. */
export async function withRetries<T>(
  policy: RetryPolicy,
  runtime: SinkRuntime,
  attempt: () => Promise<Attempt<T>>,
): Promise<Retried<T>> {
  for (let n = 1; ; n++) {
    const a = await attempt();
    if ('ok' in a) return { ok: a.ok, attempts: n };
    if ('fail' in a) return a;
    if (n >= policy.attempts)
      return { fail: `${a.retry} (gave up after ${n} attempt${n > 1 ? 's' : ''})`, sinkDown: true };
    const wait = a.afterMs ?? backoffMs(n, policy, runtime.random);
    if (wait > policy.maxDelayMs)
      return {
        fail: `${a.retry} (asked to retry after ${wait} ms, longer than the ${policy.maxDelayMs} ms we wait)`,
        sinkDown: true,
      };
    runtime.onRetry?.(`${a.retry}; attempt ${n + 1} of ${policy.attempts} in ${wait} ms`);
    await runtime.sleep(wait);
  }
}

/** The delivery a whole-request result means for each item it carried. */
export function deliveryOf(result: Retried<unknown>): Delivery {
  if ('fail' in result)
    return { outcome: 'undelivered', reason: result.fail, sinkDown: result.sinkDown };
  return { outcome: result.attempts > 1 ? 'retried' : 'delivered' };
}
