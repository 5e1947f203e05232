import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { toEcs } from './ecs';
import type { ExportItem } from './export-item';
import { endpoint, httpAttempt, type HttpCall } from './http-attempt';
import { readJson } from './read-json';
import { deliveryOf, withRetries } from './retry';
import type { ConfigOf } from './sink-options';
import { sinkName, type Delivery, type Sink, type SinkRuntime } from './sink';

/** Splunk's error bodies: `{"text":"Invalid token","code":4}`. */
const describe = (body: string) => {
  const answer = readJson<{ text: string; code: number }>(body);
  return answer?.text !== undefined ? `${answer.text} (Splunk code ${answer.code})` : undefined;
};

/**
 * Splunk HTTP Event Collector: each batch is one POST of concatenated event objects (ECS documents
 * as `event`); when the token has indexer acknowledgement on, a batch counts as delivered only once
 * the ack endpoint says it is indexed.
 */
export class SplunkHecSink implements Sink {
  readonly name: string;
  /** Splunk ties ack ids to the channel that sent the events: one channel for the sink's life. */
  private readonly channel = randomUUID();

  constructor(
    private readonly config: ConfigOf<'splunk'>,
    private readonly runtime: SinkRuntime,
  ) {
    this.name = sinkName('splunk', new URL(config.url));
  }

  async send(batch: readonly ExportItem[]): Promise<Delivery[]> {
    const body = batch.map((item) => JSON.stringify(this.hecEvent(item))).join('\n');
    const call = this.call('services/collector/event', body);
    const sent = await withRetries(this.config, this.runtime, () =>
      httpAttempt(call, this.runtime),
    );
    const ackId = 'ok' in sent ? readJson<{ ackId: number }>(sent.ok)?.ackId : undefined;
    const delivery: Delivery =
      'fail' in sent
        ? deliveryOf(sent)
        : ackId === undefined
          ? { outcome: 'unacknowledged' }
          : ((await this.awaitAck(ackId)) ?? deliveryOf(sent));
    return batch.map(() => delivery);
  }

  async close(): Promise<void> {}

  private hecEvent(item: ExportItem) {
    const event = toEcs(item);
    return {
      time: Date.parse(event['@timestamp']) / 1000,
      host: event.host?.name ?? hostname(),
      source: `tokentrail:${String(event.tokentrail.simulation)}`,
      sourcetype: this.config.sourcetype,
      index: this.config.index,
      event,
    };
  }

  /**
   * Polls until the batch is indexed (undefined) or the deadline passes (why it is not delivered).
   */
  private async awaitAck(ackId: number): Promise<Delivery | undefined> {
    const call = this.call('services/collector/ack', JSON.stringify({ acks: [ackId] }));
    for (let waited = 0; ; waited += this.config.ackPollMs) {
      const answer = await httpAttempt(call, this.runtime);
      if ('fail' in answer) return deliveryOf(answer);
      if ('ok' in answer && readJson<{ acks: Record<string, boolean> }>(answer.ok)?.acks?.[ackId])
        return undefined;
      // The deadline counts poll intervals, so it holds however fast the (injected) sleep is.
      if (waited >= this.config.ackTimeoutMs)
        return {
          outcome: 'undelivered',
          reason: `${this.name}: batch accepted (ackId ${ackId}) but not acknowledged by the indexer within ${this.config.ackTimeoutMs} ms`,
          sinkDown: false,
        };
      await this.runtime.sleep(this.config.ackPollMs);
    }
  }

  private call(path: string, body: string): HttpCall {
    return {
      kind: 'splunk',
      url: endpoint(this.config.url, path),
      method: 'POST',
      headers: {
        authorization: `Splunk ${this.config.token}`,
        'content-type': 'application/json',
        'x-splunk-request-channel': this.channel,
      },
      body,
      timeoutMs: this.config.timeoutMs,
      describe,
    };
  }
}
