import { ecsIndexTemplate } from './ecs-index-template';
import { toEcs, type EcsDocument } from './ecs';
import type { ExportItem } from './export-item';
import { endpoint, httpAttempt, type HttpCall } from './http-attempt';
import { readJson } from './read-json';
import { deliveryOf, withRetries, type Attempt } from './retry';
import type { ConfigOf } from './sink-options';
import { sinkName, type Delivery, type Sink, type SinkRuntime } from './sink';

interface EsError {
  type: string;
  reason: string;
}
interface BulkItem {
  status: number;
  error?: EsError;
}

const describeError = (e: EsError | undefined) => (e?.type ? `${e.type}: ${e.reason}` : undefined);

/**
 * `_bulk` NDJSON: for each document an `index` action line (its id as `_id`), then the document.
 */
const bulkBody = (index: string, docs: EcsDocument[]) =>
  docs
    .map(
      (doc) =>
        `${JSON.stringify({ index: { _index: index, _id: doc.event?.id } })}\n${JSON.stringify(doc)}\n`,
    )
    .join('');

/**
 * Elasticsearch or OpenSearch: the index template first, then each batch as one `_bulk` request
 * of ECS documents. Each document's `_id` is its event or finding id, so a retry overwrites
 * instead of duplicating; items the cluster rejects with 429 are retried alone, other rejections
 * are reported.
 */
export class ElasticsearchSink implements Sink {
  readonly name: string;
  private templateInstalled = false;

  constructor(
    private readonly config: ConfigOf<'elasticsearch'>,
    private readonly runtime: SinkRuntime,
  ) {
    this.name = sinkName('elasticsearch', new URL(config.url));
  }

  async send(batch: readonly ExportItem[]): Promise<Delivery[]> {
    const refused = await this.installTemplate();
    if (refused) return batch.map(() => refused);
    const docs = batch.map(toEcs);
    const deliveries: Delivery[] = [];
    let pending = docs.map((_, i) => i);
    let attempt = 0;
    const bulk = await withRetries(this.config, this.runtime, async (): Promise<Attempt<null>> => {
      attempt += 1;
      const body = bulkBody(
        this.config.index,
        pending.map((i) => docs[i]),
      );
      const call = this.call('POST', '_bulk', body, 'application/x-ndjson');
      const answer = await httpAttempt(call, this.runtime);
      if (!('ok' in answer)) return answer;
      const where = sinkName('elasticsearch', call.url);
      const items = readJson<{ items: Record<string, BulkItem>[] }>(answer.ok)?.items;
      if (items?.length !== pending.length)
        return { fail: `${where}: the bulk answer does not list every document`, sinkDown: true };
      const again: number[] = [];
      let refusal: EsError | undefined;
      pending.forEach((i, k) => {
        const item = Object.values(items[k])[0];
        if (item.status === 429) {
          again.push(i);
          refusal = item.error;
        } else
          deliveries[i] =
            item.status < 300
              ? { outcome: attempt > 1 ? 'retried' : 'delivered' }
              : {
                  outcome: 'undelivered',
                  reason: `${where}: document ${docs[i].event?.id}: ${item.status} ${describeError(item.error) ?? 'refused'}`,
                  sinkDown: false,
                };
      });
      pending = again;
      return again.length
        ? {
            retry: `${where}: ${again.length} document(s) refused with 429 (${describeError(refusal) ?? 'too many requests'})`,
          }
        : { ok: null };
    });
    if ('fail' in bulk) for (const i of pending) deliveries[i] = deliveryOf(bulk);
    return deliveries;
  }

  async close(): Promise<void> {}

  /** Before the first bulk, so the index is created with these mappings; why not, when refused. */
  private async installTemplate(): Promise<Delivery | undefined> {
    if (this.templateInstalled) return undefined;
    const body = JSON.stringify(ecsIndexTemplate(this.config.index));
    const call = this.call('PUT', `_index_template/${this.config.index}`, body, 'application/json');
    const installed = await withRetries(this.config, this.runtime, () =>
      httpAttempt(call, this.runtime),
    );
    if ('fail' in installed) return deliveryOf(installed);
    this.templateInstalled = true;
    return undefined;
  }

  private call(method: 'POST' | 'PUT', path: string, body: string, type: string): HttpCall {
    const { url, apiKey, username, password } = this.config;
    const headers: Record<string, string> = { 'content-type': type };
    if (apiKey) headers.authorization = `ApiKey ${apiKey}`;
    else if (username)
      headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    return {
      kind: 'elasticsearch',
      url: endpoint(url, path),
      method,
      headers,
      body,
      timeoutMs: this.config.timeoutMs,
      describe: (text) => describeError(readJson<{ error: EsError }>(text)?.error),
    };
  }
}
