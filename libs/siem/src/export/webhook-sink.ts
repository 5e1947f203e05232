export interface WebhookOptions {
  attempts?: number;
  /** First back-off in ms; doubled after each failed attempt. */
  backoffMs?: number;
  fetch?: typeof fetch;
}

/**
 * At-least-once delivery of one JSON document to a webhook: retried with exponential back-off on
 * network errors, 429 and 5xx; the idempotency key lets the receiver drop the repeats.
 */
export async function postWebhook(
  url: string,
  idempotencyKey: string,
  body: unknown,
  options: WebhookOptions = {},
): Promise<{ status: number; attempts: number }> {
  const attempts = options.attempts ?? 5;
  const send = options.fetch ?? fetch;
  let delay = options.backoffMs ?? 250;
  let lastError: unknown = null;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const res = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(body),
      });
      if (res.ok) return { status: res.status, attempts: attempt };
      if (res.status !== 429 && res.status < 500)
        throw Object.assign(new Error(`webhook answered ${res.status}`), { permanent: true });
      lastError = new Error(`webhook answered ${res.status}`);
    } catch (error) {
      if ((error as { permanent?: boolean }).permanent) throw error;
      lastError = error;
    }
    if (attempt < attempts) {
      await new Promise((r) => setTimeout(r, delay));
      delay *= 2;
    }
  }
  throw new Error(
    `webhook ${url}: gave up after ${attempts} attempts: ${(lastError as Error)?.message ?? lastError}`,
  );
}
