import { toEcs } from './ecs';
import type { ExportItem } from './export-item';
import { httpAttempt } from './http-attempt';
import { deliveryOf, withRetries } from './retry';
import type { ConfigOf } from './sink-options';
import { sinkName, type Delivery, type Sink, type SinkRuntime } from './sink';
import { SIGNATURE_HEADER, webhookSignature } from './webhook-signature';

/**
 * At-least-once POSTs of each item as its ECS document, one request per item (batches of one, see
 * the options): the Idempotency-Key
 * (the event or finding id, the same on every retry and every export) lets the receiver drop
 * repeats; with a secret, each request is signed afresh (see `webhookSignature`).
 */
export class WebhookSink implements Sink {
  readonly name: string;

  constructor(
    private readonly config: ConfigOf<'webhook'>,
    private readonly runtime: SinkRuntime,
  ) {
    this.name = sinkName('webhook', new URL(config.url));
  }

  async send(batch: readonly ExportItem[]): Promise<Delivery[]> {
    const deliveries: Delivery[] = [];
    for (const item of batch) {
      const doc = toEcs(item);
      const body = JSON.stringify(doc);
      const result = await withRetries(this.config, this.runtime, () =>
        httpAttempt(
          {
            kind: 'webhook',
            url: new URL(this.config.url),
            method: 'POST',
            headers: this.headers(String(doc.event?.id), body),
            body,
            timeoutMs: this.config.timeoutMs,
          },
          this.runtime,
        ),
      );
      deliveries.push(deliveryOf(result));
    }
    return deliveries;
  }

  async close(): Promise<void> {}

  private headers(idempotencyKey: string, body: string): Record<string, string> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
    };
    if (this.config.secret)
      headers[SIGNATURE_HEADER] = webhookSignature(
        this.config.secret,
        body,
        Math.floor(this.runtime.now() / 1000),
      );
    return headers;
  }
}
