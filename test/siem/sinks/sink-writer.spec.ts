import { describe, expect, it } from 'vitest';
import { toEcs, type ExportItem } from '@tokentrail/siem';
import { SinkWriter, createSink, parseSinkOptions } from '@tokentrail/siem/export/sinks';
import { sinkFixture } from './http-stand-in';
import { testRuntime } from './test-runtime';

async function* each(items: ExportItem[]) {
  yield* items;
}

describe('writing a whole export to a sink', () => {
  const fx = sinkFixture();

  it('given a receiver that refuses the credentials, when the export is written, then one request is made and every item is reported not delivered, with why', async () => {
    await fx.open(() => ({ status: 401 }));
    const sink = createSink(
      parseSinkOptions({ kind: 'webhook', url: `${fx.standIn.url}/hook` }),
      testRuntime().runtime,
    );
    const writer = new SinkWriter(sink, 1);
    await writer.writeAll(each(fx.items));
    expect(fx.standIn.received).toHaveLength(1);
    const refused = `webhook ${fx.standIn.url}/hook: 401 Unauthorized`;
    expect(writer.failure).toBe(refused);
    expect(writer.summary.lines(sink.name)).toEqual([
      `webhook ${fx.standIn.url}/hook: ${fx.items.length} not delivered`,
      `  1 not delivered: ${refused}`,
      `  ${fx.items.length - 1} not delivered: not sent after an earlier failure: ${refused}`,
    ]);
  });

  it('given a cluster that delays one document and rejects another, when the export is written in batches, then the summary counts each outcome', async () => {
    const [busy, bad] = [fx.items[3], fx.items[15]].map((i) => toEcs(i).event?.id);
    let refusedOnce = false;
    await fx.open((r) => {
      if (r.path !== '/_bulk') return { status: 200, body: { acknowledged: true } };
      const ids = r.body
        .split('\n')
        .filter((_l, i) => i % 2 === 0 && _l)
        .map((l) => JSON.parse(l).index._id);
      const status = (id: string) =>
        id === bad ? 400 : id === busy && !refusedOnce ? ((refusedOnce = true), 429) : 201;
      return {
        status: 200,
        body: {
          errors: true,
          items: ids.map((id) => ({ index: { _id: id, status: status(id) } })),
        },
      };
    });
    const sink = createSink(
      parseSinkOptions({ kind: 'elasticsearch', url: fx.standIn.url }),
      testRuntime().runtime,
    );
    const writer = new SinkWriter(sink, 10);
    await writer.writeAll(each(fx.items));
    expect(writer.summary.counts).toEqual({
      delivered: fx.items.length - 2,
      retried: 1,
      unacknowledged: 0,
      undelivered: 1,
    });
    expect(writer.summary.lines(sink.name)).toEqual([
      `elasticsearch ${fx.standIn.url}/: ${fx.items.length - 2} delivered, 1 delivered after a retry, 1 not delivered`,
      `  1 not delivered: elasticsearch ${fx.standIn.url}/_bulk: document ${bad}: 400 refused`,
    ]);
    expect(writer.failure).toBeNull();
  });
});
