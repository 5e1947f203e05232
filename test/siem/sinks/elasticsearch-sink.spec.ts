import { describe, expect, it } from 'vitest';
import { toEcs, type ExportItem } from '@tokentrail/siem';
import { createSink, parseSinkOptions, type SinkOptions } from '@tokentrail/siem/export/sinks';
import { sinkFixture, type Received, type Reply } from './http-stand-in';
import { testRuntime } from './test-runtime';

const API_KEY = 'ZXM6YXBpLWtleS1mb3ItdGVzdHM=';
const TEMPLATE_OK = { status: 200, body: { acknowledged: true } };

/** The `_bulk` body as action/document pairs. */
function pairs(r: Received) {
  const lines = r.body.split('\n');
  expect(lines.pop()).toBe(''); // NDJSON ends with a newline
  return lines.flatMap((l, i) =>
    i % 2 ? [] : [{ action: JSON.parse(l), doc: JSON.parse(lines[i + 1]) }],
  );
}
/** A bulk answer: 201 for every document but those given. */
function bulkAnswer(r: Received, special: Record<string, { status: number; error?: object }> = {}) {
  return {
    status: 200,
    body: {
      took: 3,
      errors: Object.keys(special).length > 0,
      items: pairs(r).map(({ action }) => ({
        index: {
          _index: action.index._index,
          _id: action.index._id,
          ...(special[action.index._id] ?? { status: 201 }),
        },
      })),
    },
  };
}

describe('Elasticsearch / OpenSearch _bulk sink', () => {
  const fx = sinkFixture();

  async function given(reply: Reply, options: Partial<SinkOptions> = {}) {
    await fx.open(reply);
    const test = testRuntime();
    const sink = createSink(
      parseSinkOptions({
        kind: 'elasticsearch',
        url: fx.standIn.url,
        apiKey: API_KEY,
        ...options,
      } as SinkOptions),
      test.runtime,
    );
    return { sink, ...test };
  }
  const bulks = () => fx.standIn.received.filter((r) => r.path === '/_bulk');
  const idOf = (item: ExportItem) => String(toEcs(item).event?.id);

  it('given a cluster, when two batches are sent, then the index template is installed once, before the first bulk, and each batch is one NDJSON bulk of ECS documents', async () => {
    const { sink } = await given((r) => (r.path === '/_bulk' ? bulkAnswer(r) : TEMPLATE_OK));
    expect(await sink.send(fx.items.slice(0, 10))).toEqual(
      Array(10).fill({ outcome: 'delivered' }),
    );
    expect(await sink.send(fx.items.slice(10))).toEqual(
      Array(fx.items.length - 10).fill({ outcome: 'delivered' }),
    );
    expect(fx.standIn.received.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /_index_template/tokentrail',
      'POST /_bulk',
      'POST /_bulk',
    ]);
    const template = JSON.parse(fx.standIn.received[0].body);
    expect(template.index_patterns).toEqual(['tokentrail*']);
    const mapping = template.template.mappings.properties;
    expect(mapping['@timestamp']).toEqual({ type: 'date' });
    for (const field of ['kind', 'category', 'type', 'action', 'id', 'code', 'outcome'])
      expect(mapping.event.properties[field], `event.${field}`).toEqual({ type: 'keyword' });
    for (const group of ['user', 'group', 'host'])
      expect(mapping[group].properties.name, `${group}.name`).toEqual({ type: 'keyword' });
    expect(mapping.tokentrail).toMatchObject({
      type: 'object',
      properties: {
        simulation: { type: 'keyword' },
        finding: { type: 'keyword' },
        position: { type: 'long' },
      },
    });
    const [first, second] = bulks();
    expect(first.headers['content-type']).toBe('application/x-ndjson');
    expect(fx.standIn.received.every((r) => r.headers.authorization === `ApiKey ${API_KEY}`)).toBe(
      true,
    );
    const sent = [...pairs(first), ...pairs(second)];
    expect(sent.map((p) => p.action)).toEqual(
      fx.items.map((i) => ({ index: { _index: 'tokentrail', _id: idOf(i) } })),
    );
    expect(sent.map((p) => p.doc)).toEqual(
      fx.items.map((i) => JSON.parse(JSON.stringify(toEcs(i)))),
    );
  });

  it('given basic auth credentials, then every request carries them as Basic authorization', async () => {
    const { sink } = await given((r) => (r.path === '/_bulk' ? bulkAnswer(r) : TEMPLATE_OK), {
      apiKey: undefined,
      username: 'tokentrail',
      password: 's3cret',
      index: 'siem-tokentrail',
    });
    await sink.send(fx.items.slice(0, 1));
    expect(fx.standIn.received.map((r) => r.path)).toEqual([
      '/_index_template/siem-tokentrail',
      '/_bulk',
    ]);
    expect(fx.standIn.received.map((r) => r.headers.authorization)).toEqual(
      Array(2).fill(`Basic ${Buffer.from('tokentrail:s3cret').toString('base64')}`),
    );
  });

  it('given a bulk answer with one document refused with 429 and one rejected with 400, when a batch is sent, then only the 429 one is sent again and the 400 one is reported', async () => {
    const [busy, bad] = [idOf(fx.items[3]), idOf(fx.items[5])];
    const { sink, sleeps } = await given((r, n) =>
      r.path !== '/_bulk'
        ? TEMPLATE_OK
        : n === 1
          ? bulkAnswer(r, {
              [busy]: {
                status: 429,
                error: { type: 'es_rejected_execution_exception', reason: 'queue full' },
              },
              [bad]: {
                status: 400,
                error: { type: 'mapper_parsing_exception', reason: 'failed to parse field [host]' },
              },
            })
          : bulkAnswer(r),
    );
    const deliveries = await sink.send(fx.items.slice(0, 8));
    expect(bulks()).toHaveLength(2);
    expect(pairs(bulks()[1]).map((p) => p.action.index._id)).toEqual([busy]);
    expect(deliveries[3]).toEqual({ outcome: 'retried' });
    expect(deliveries[5]).toEqual({
      outcome: 'undelivered',
      reason: `elasticsearch ${fx.standIn.url}/_bulk: document ${bad}: 400 mapper_parsing_exception: failed to parse field [host]`,
      sinkDown: false,
    });
    expect(deliveries.filter((d) => d.outcome === 'delivered')).toHaveLength(6);
    expect(sleeps).toHaveLength(1);
  });

  it('given a cluster that refuses the template (401), then nothing is bulk-sent and the batch is reported with the reason, not retried', async () => {
    const { sink, sleeps } = await given(() => ({
      status: 401,
      body: {
        error: { type: 'security_exception', reason: 'missing authentication credentials' },
        status: 401,
      },
    }));
    expect(await sink.send(fx.items.slice(0, 2))).toEqual(
      Array(2).fill({
        outcome: 'undelivered',
        reason: `elasticsearch ${fx.standIn.url}/_index_template/tokentrail: 401 security_exception: missing authentication credentials`,
        sinkDown: true,
      }),
    );
    expect(bulks()).toHaveLength(0);
    expect(sleeps).toEqual([]);
  });

  it('given a cluster that never answers the bulk, then the batch times out and is reported not delivered in one line', async () => {
    const { sink } = await given((r) => (r.path === '/_bulk' ? 'hold' : TEMPLATE_OK), {
      timeoutMs: 50,
      attempts: 3,
    });
    expect(await sink.send(fx.items.slice(0, 2))).toEqual(
      Array(2).fill({
        outcome: 'undelivered',
        reason: `elasticsearch ${fx.standIn.url}/_bulk: no answer within 50 ms (gave up after 3 attempts)`,
        sinkDown: true,
      }),
    );
    expect(bulks()).toHaveLength(3);
  });
});
