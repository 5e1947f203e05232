import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toEcs } from '@tokentrail/siem';
import { createSink, parseSinkOptions, type SinkOptions } from '@tokentrail/siem/export/sinks';
import { sinkFixture, type Received, type Reply } from './http-stand-in';
import { NOW, testRuntime } from './test-runtime';

const SECRET = 'webhook-secret-for-tests';

/**
 * What a receiver does with X-Tokentrail-Signature: recompute HMAC-SHA256(secret, t + "." + body).
 */
function verify(r: Received): { t: number; valid: boolean } {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers['x-tokentrail-signature']));
  if (!match) return { t: NaN, valid: false };
  const expected = createHmac('sha256', SECRET).update(`${match[1]}.${r.body}`).digest();
  return { t: Number(match[1]), valid: timingSafeEqual(expected, Buffer.from(match[2], 'hex')) };
}

describe('webhook sink', () => {
  const fx = sinkFixture();

  async function given(reply: Reply, options: Partial<SinkOptions> = {}, random = 0.5) {
    await fx.open(reply);
    const test = testRuntime({ random: () => random });
    const sink = createSink(
      parseSinkOptions({
        kind: 'webhook',
        url: `${fx.standIn.url}/hook?tenant=t1`,
        secret: SECRET,
        ...options,
      } as SinkOptions),
      test.runtime,
    );
    return { sink, ...test };
  }
  const finding = () => fx.items.find((i) => i.kind === 'finding')!;

  it('given a receiver, when fx.items are sent, then each is one POST of its ECS document with its Idempotency-Key and a signature the receiver verifies', async () => {
    const { sink } = await given(() => ({ status: 202 }));
    const batch = fx.items.slice(-3);
    expect(await sink.send(batch)).toEqual(Array(3).fill({ outcome: 'delivered' }));
    const received = fx.standIn.received;
    expect(received.map((r) => `${r.method} ${r.path}`)).toEqual(
      Array(3).fill('POST /hook?tenant=t1'),
    );
    expect(received.map((r) => r.headers['idempotency-key'])).toEqual(
      batch.map((i) => toEcs(i).event?.id),
    );
    expect(received.map((r) => JSON.parse(r.body))).toEqual(
      batch.map((i) => JSON.parse(JSON.stringify(toEcs(i)))),
    );
    expect(received.map((r) => r.headers['content-type'])).toEqual(
      Array(3).fill('application/json'),
    );
    expect(received.map(verify)).toEqual(Array(3).fill({ t: NOW / 1000, valid: true }));
  });

  it('given a receiver that checks signatures, when the body was altered, then the signature no longer verifies', async () => {
    const { sink } = await given(() => ({ status: 200 }));
    await sink.send([finding()]);
    const [r] = fx.standIn.received;
    expect(verify({ ...r, body: r.body.replace('alice', 'mallory') }).valid).toBe(false);
  });

  it('given no secret, then requests carry no signature header', async () => {
    const { sink } = await given(() => ({ status: 200 }), { secret: undefined });
    expect(await sink.send([finding()])).toEqual([{ outcome: 'delivered' }]);
    expect(fx.standIn.received[0].headers).not.toHaveProperty('x-tokentrail-signature');
  });

  it.each([
    ['delay-seconds', '120', 120_000],
    ['an HTTP date', new Date(NOW + 90_000).toUTCString(), 90_000],
  ])(
    'given a 429 with Retry-After as %s, when an item is sent, then the sink asks to sleep that long and retries with the same key, signed afresh',
    async (_form, retryAfter, delay) => {
      const { sink, sleeps } = await given(
        (_r, n) =>
          n === 0 ? { status: 429, headers: { 'retry-after': retryAfter } } : { status: 200 },
        { maxDelayMs: 300_000 },
      );
      expect(await sink.send([finding()])).toEqual([{ outcome: 'retried' }]);
      expect(sleeps).toEqual([delay]);
      const [first, second] = fx.standIn.received;
      expect(second.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
      expect([first, second].map((r) => verify(r).valid)).toEqual([true, true]);
    },
  );

  it('given a 503 with a Retry-After longer than the longest wait, then the item is reported rather than retried early', async () => {
    const { sink, sleeps } = await given(() => ({
      status: 503,
      headers: { 'retry-after': '3600' },
    }));
    expect(await sink.send([finding()])).toEqual([
      {
        outcome: 'undelivered',
        reason: `webhook ${fx.standIn.url}/hook: 503 Service Unavailable (asked to retry after 3600000 ms, longer than the 30000 ms we wait)`,
        sinkDown: true,
      },
    ]);
    expect(sleeps).toEqual([]);
  });

  it.each([
    [0, [250, 500, 1000]],
    [0.999, [500, 1000, 1999]],
  ])(
    'given 5xx answers, when the jitter draws %d, then the back-off doubles within [step/2, step]',
    async (random, delays) => {
      const { sink, sleeps } = await given(
        (_r, n) => ({ status: n < 3 ? 502 : 200 }),
        { backoffMs: 500 },
        random,
      );
      expect(await sink.send([finding()])).toEqual([{ outcome: 'retried' }]);
      expect(sleeps).toEqual(delays);
    },
  );

  it.each([
    [400, false],
    [401, true],
  ])(
    'given a receiver that answers %i, then the item is reported without a retry',
    async (status, sinkDown) => {
      const { sink, sleeps } = await given(() => ({ status }));
      const [delivery] = await sink.send([finding()]);
      expect(delivery).toMatchObject({ outcome: 'undelivered', sinkDown });
      expect(fx.standIn.received).toHaveLength(1);
      expect(sleeps).toEqual([]);
      expect(JSON.stringify(delivery)).not.toContain(SECRET);
      expect(JSON.stringify(delivery)).not.toContain('tenant=t1');
    },
  );

  it('given a receiver that never answers, then the item times out and is reported in one line naming the sink and URL', async () => {
    const { sink } = await given(() => 'hold', { timeoutMs: 50, attempts: 2 });
    expect(await sink.send([finding()])).toEqual([
      {
        outcome: 'undelivered',
        reason: `webhook ${fx.standIn.url}/hook: no answer within 50 ms (gave up after 2 attempts)`,
        sinkDown: true,
      },
    ]);
  });

  it('given a receiver that hangs once and then comes back, then the item is delivered after a retry', async () => {
    // Long enough for an answering loopback server on a busy machine; the held one times out.
    const { sink } = await given((_r, n) => (n === 0 ? 'hold' : { status: 200 }), {
      timeoutMs: 1000,
    });
    expect(await sink.send([finding()])).toEqual([{ outcome: 'retried' }]);
    expect(fx.standIn.received).toHaveLength(2);
  });
});
