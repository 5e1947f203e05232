import type { Attempt } from './retry';
import { retryAfterMs } from './retry-after';
import { sinkName, type SinkRuntime } from './sink';

export interface HttpCall {
  kind: string;
  url: URL;
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** The server's error body in a few words (Splunk's `{text, code}`, Elasticsearch's `error`). */
  describe?: (body: string) => string | undefined;
}

/** `path` under the base URL, keeping the base's own path (a proxy prefix, say). */
export const endpoint = (base: string, path: string) =>
  new URL(path, base.endsWith('/') ? base : `${base}/`);

/** Statuses that condemn this request's content only: the sink itself is fine. */
const BAD_CONTENT = new Set([400, 413, 422]);

/**
 * One HTTP request with a deadline, read as a retry decision: network errors, timeouts, 408, 429
 * and 5xx are worth another try (429 and 503 after their Retry-After); other statuses are not.
 */
export async function httpAttempt(call: HttpCall, runtime: SinkRuntime): Promise<Attempt<string>> {
  const where = sinkName(call.kind, call.url);
  let res: Response;
  let body: string;
  try {
    res = await runtime.fetch(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal: AbortSignal.timeout(call.timeoutMs),
    });
    body = await res.text();
  } catch (error) {
    return { retry: `${where}: ${networkFailure(error, call.timeoutMs)}` };
  }
  if (res.ok) return { ok: body };
  const why = `${where}: ${res.status} ${call.describe?.(body) ?? res.statusText}`;
  if (res.status === 429 || res.status === 503)
    return { retry: why, afterMs: retryAfterMs(res.headers.get('retry-after'), runtime.now()) };
  if (res.status === 408 || res.status >= 500) return { retry: why };
  return { fail: why, sinkDown: !BAD_CONTENT.has(res.status) };
}

function networkFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${timeoutMs} ms`;
  // fetch says "fetch failed"; what failed (refused, reset, certificate) is in its cause.
  const cause = (error as { cause?: { message?: string } }).cause;
  return cause?.message ?? String((error as Error).message ?? error);
}
