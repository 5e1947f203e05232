import { describe, expect, it } from 'vitest';
import { toEcs } from '@tokentrail/siem';
import { createSink, parseSinkOptions, type SinkOptions } from '@tokentrail/siem/export/sinks';
import { sinkFixture, type Reply } from './http-stand-in';
import { testRuntime } from './test-runtime';

const TOKEN = 'hec-token-for-tests';
const SUCCESS = { status: 200, body: { text: 'Success', code: 0, ackId: 7 } };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Splunk HTTP Event Collector sink', () => {
  const fx = sinkFixture();

  async function given(reply: Reply, options: Partial<SinkOptions> = {}) {
    await fx.open(reply);
    const test = testRuntime();
    const sink = createSink(
      parseSinkOptions({
        kind: 'splunk',
        url: fx.standIn.url,
        token: TOKEN,
        index: 'security',
        ackPollMs: 250,
        ...options,
      }),
      test.runtime,
    );
    return { sink, ...test, received: fx.standIn.received };
  }
  const events = (path: string) => fx.standIn.received.filter((r) => r.path === path);

  it('given a HEC with indexer acknowledgement, when a batch is sent, then one POST carries every event with the token and a channel, and the batch is delivered once its ack is true', async () => {
    let polls = 0;
    const { sink, sleeps } = await given((req) =>
      req.path === '/services/collector/ack'
        ? { status: 200, body: { acks: { 7: ++polls > 1 } } }
        : SUCCESS,
    );
    const deliveries = await sink.send(fx.items);
    expect(deliveries).toEqual(fx.items.map(() => ({ outcome: 'delivered' })));
    const [post] = events('/services/collector/event');
    expect(events('/services/collector/event')).toHaveLength(1);
    expect(post.headers.authorization).toBe(`Splunk ${TOKEN}`);
    expect(post.headers['x-splunk-request-channel']).toMatch(UUID);
    // Concatenated event objects, one per item, in order.
    const sent = post.body.split('\n').map((line) => JSON.parse(line));
    expect(sent).toHaveLength(fx.items.length);
    expect(sent[0]).toEqual({
      time: Date.parse(toEcs(fx.items[0])['@timestamp']) / 1000,
      host: expect.any(String),
      source: 'tokentrail:inv-7',
      sourcetype: 'tokentrail:ecs',
      index: 'security',
      event: JSON.parse(JSON.stringify(toEcs(fx.items[0]))),
    });
    const finding = sent.find((e) => e.event.event.kind === 'alert');
    expect(finding).toMatchObject({ host: 'WS1', event: { event: { action: 'stale-artifact' } } });
    // Acks polled on the same channel until true, the poll interval asked of the sleep.
    const acks = events('/services/collector/ack');
    expect(acks.map((a) => JSON.parse(a.body))).toEqual([{ acks: [7] }, { acks: [7] }]);
    expect(
      acks.every(
        (a) => a.headers['x-splunk-request-channel'] === post.headers['x-splunk-request-channel'],
      ),
    ).toBe(true);
    expect(acks.every((a) => a.headers.authorization === `Splunk ${TOKEN}`)).toBe(true);
    expect(sleeps).toEqual([250]);
  });

  it('given acks that never turn true, when the deadline passes, then the batch is reported not delivered, naming the ack id', async () => {
    const { sink } = await given(
      (req) =>
        req.path === '/services/collector/ack'
          ? { status: 200, body: { acks: { 7: false } } }
          : SUCCESS,
      { ackTimeoutMs: 1000 },
    );
    const deliveries = await sink.send(fx.items.slice(0, 3));
    expect(deliveries).toEqual(
      Array(3).fill({
        outcome: 'undelivered',
        reason: `splunk ${fx.standIn.url}/: batch accepted (ackId 7) but not acknowledged by the indexer within 1000 ms`,
        sinkDown: false,
      }),
    );
    // Polled at 0, 250, 500, 750 and 1000 ms of waiting.
    expect(events('/services/collector/ack')).toHaveLength(5);
  });

  it('given a token without indexer acknowledgement (no ackId), when a batch is accepted, then its fx.items are sent but unacknowledged', async () => {
    const { sink } = await given(() => ({ status: 200, body: { text: 'Success', code: 0 } }));
    expect(await sink.send(fx.items.slice(0, 2))).toEqual([
      { outcome: 'unacknowledged' },
      { outcome: 'unacknowledged' },
    ]);
    expect(events('/services/collector/ack')).toHaveLength(0);
  });

  it('given a busy HEC (503, then 429 with Retry-After), when a batch is sent, then it is retried after the back-off and the requested delay, and delivered', async () => {
    const { sink, sleeps, retries } = await given(
      (req, n) =>
        req.path === '/services/collector/ack'
          ? { status: 200, body: { acks: { 7: true } } }
          : n === 0
            ? { status: 503, body: { text: 'Server is busy', code: 9 } }
            : n === 1
              ? {
                  status: 429,
                  body: { text: 'Server is busy', code: 9 },
                  headers: { 'retry-after': '7' },
                }
              : SUCCESS,
      { backoffMs: 400 },
    );
    expect(await sink.send(fx.items.slice(0, 2))).toEqual([
      { outcome: 'retried' },
      { outcome: 'retried' },
    ]);
    expect(events('/services/collector/event')).toHaveLength(3);
    // Back-off 400 ms with mid-range jitter: 300; then Retry-After: 7 s.
    expect(sleeps).toEqual([300, 7000]);
    expect(retries[0]).toBe(
      `splunk ${fx.standIn.url}/services/collector/event: 503 Server is busy (Splunk code 9); attempt 2 of 5 in 300 ms`,
    );
  });

  it.each([
    [400, { text: 'Invalid data format', code: 6, 'invalid-event-number': 0 }, false],
    [401, { text: 'Token is required', code: 2 }, true],
    [403, { text: 'Invalid token', code: 4 }, true],
  ])(
    "given a HEC that answers %i, when a batch is sent, then it is reported with Splunk's text, not retried",
    async (status, body, sinkDown) => {
      const { sink, sleeps } = await given(() => ({ status, body }));
      const deliveries = await sink.send(fx.items.slice(0, 2));
      expect(deliveries[0]).toEqual({
        outcome: 'undelivered',
        reason: `splunk ${fx.standIn.url}/services/collector/event: ${status} ${body.text} (Splunk code ${body.code})`,
        sinkDown,
      });
      expect(fx.standIn.received).toHaveLength(1);
      expect(sleeps).toEqual([]);
      expect(JSON.stringify(deliveries)).not.toContain(TOKEN);
    },
  );

  it('given a HEC that never answers, when a batch is sent, then each attempt times out and the fx.items are reported not delivered in one line naming the sink and URL', async () => {
    const { sink } = await given(() => 'hold', { timeoutMs: 50, attempts: 2 });
    const deliveries = await sink.send(fx.items.slice(0, 2));
    expect(deliveries).toEqual(
      Array(2).fill({
        outcome: 'undelivered',
        reason: `splunk ${fx.standIn.url}/services/collector/event: no answer within 50 ms (gave up after 2 attempts)`,
        sinkDown: true,
      }),
    );
    expect(events('/services/collector/event')).toHaveLength(2);
  });

  it('given a HEC that hangs once and then comes back, when a batch is sent, then it is delivered after a retry', async () => {
    const { sink } = await given(
      (req, n) =>
        n === 0
          ? 'hold'
          : req.path === '/services/collector/ack'
            ? { status: 200, body: { acks: { 7: true } } }
            : SUCCESS,
      // Long enough for an answering loopback server on a busy machine; the held one times out.
      { timeoutMs: 1000 },
    );
    expect(await sink.send(fx.items.slice(0, 2))).toEqual([
      { outcome: 'retried' },
      { outcome: 'retried' },
    ]);
    expect(events('/services/collector/event')).toHaveLength(2);
  });
});
