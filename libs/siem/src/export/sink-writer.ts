import { DeliverySummary } from './delivery-summary';
import type { ExportItem } from './export-item';
import type { Sink } from './sink';

/**
 * Feeds a sink in batches and accounts for every item. Once the sink itself has failed
 * (unreachable, timing out, refusing our credentials), later items are reported as not delivered
 * without being sent: each batch would only wait the same retries out.
 */
export class SinkWriter {
  readonly summary = new DeliverySummary();
  /** Why the sink failed, once it has. */
  failure: string | null = null;

  constructor(
    private readonly sink: Sink,
    private readonly batchSize: number,
  ) {}

  async writeAll(items: AsyncIterable<ExportItem>): Promise<void> {
    let batch: ExportItem[] = [];
    for await (const item of items) {
      batch.push(item);
      if (batch.length < this.batchSize) continue;
      await this.write(batch);
      batch = [];
    }
    if (batch.length) await this.write(batch);
  }

  async write(batch: readonly ExportItem[]): Promise<void> {
    const deliveries = this.failure
      ? batch.map(() => ({
          outcome: 'undelivered' as const,
          reason: `not sent after an earlier failure: ${this.failure}`,
          sinkDown: true,
        }))
      : await this.sink.send(batch);
    for (const delivery of deliveries) {
      this.summary.add(delivery);
      if (delivery.outcome === 'undelivered' && delivery.sinkDown) this.failure ??= delivery.reason;
    }
  }
}
