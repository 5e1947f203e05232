import { join } from 'node:path';
import parse from 'nsyslog-parser';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExportItem } from '@tokentrail/siem';
import { createSink, parseSinkOptions, type SinkOptions } from '@tokentrail/siem/export/sinks';
import { scenarioItems } from './scenario-items';
import {
  TLS_FIXTURES,
  silentServer,
  tcpCollector,
  tlsCollector,
  udpCollector,
} from './syslog-stand-ins';
import { testRuntime } from './test-runtime';

const CA_FILE = join(TLS_FIXTURES, 'ca.pem');

describe('syslog sink over UDP, TCP and TLS', () => {
  let items: ExportItem[];
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => (items = await scenarioItems()));
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  function sinkFor(url: string, options: Partial<SinkOptions> = {}, test = testRuntime()) {
    return createSink(
      parseSinkOptions({ kind: 'syslog', url, ...options } as SinkOptions),
      test.runtime,
    );
  }

  it('given a UDP collector and no PEN, when the export is sent, then each item is one datagram, an RFC 5424 message with no structured data and its fields at the end of MSG', async () => {
    const collector = await udpCollector();
    close = collector.close;
    const sink = sinkFor(collector.url);
    expect(await sink.send(items)).toEqual(items.map(() => ({ outcome: 'unacknowledged' })));
    await sink.close();
    await expect.poll(() => collector.messages.length).toBe(items.length);
    const parsed = collector.messages.map((m) => parse(m));
    for (const p of parsed) {
      expect(p).toMatchObject({
        type: 'RFC5424',
        version: 1,
        facility: 'authpriv',
        appName: 'tokentrail',
      });
      expect(p.structuredData).toEqual([]);
      expect(p.message).toMatch(/ simulation="inv-7" /);
    }
    const finding = parsed.find((p) => p.messageid === 'stale-artifact')!;
    expect(finding.level).toBe('alert');
    expect(finding.message).toMatch(
      /still carries Finance .* principal="alice" .*lingering="Finance"$/,
    );
    expect(collector.messages.some((m) => m.includes('32473'))).toBe(false);
  });

  it('given a PEN, when sent over UDP, then the fields are structured data under tokentrail@<PEN>', async () => {
    const collector = await udpCollector();
    close = collector.close;
    const sink = sinkFor(collector.url, { pen: 64000 });
    await sink.send(items.slice(-1));
    await sink.close();
    await expect.poll(() => collector.messages.length).toBe(1);
    const [p] = collector.messages.map((m) => parse(m));
    expect(p.structuredData).toEqual([
      expect.objectContaining({ $id: 'tokentrail@64000', simulation: 'inv-7', principal: 'alice' }),
    ]);
    expect(p.message).toMatch(/still carries Finance \(since [^)]+\)$/);
  });

  it('given the documentation PEN 32473, then the options are refused', () => {
    expect(() =>
      parseSinkOptions({ kind: 'syslog', url: 'udp://127.0.0.1:514', pen: 32473 }),
    ).toThrow('pen: 32473 is reserved for documentation (RFC 5612)');
  });

  it('given a TLS collector whose CA is configured, when the export is sent in two batches, then one verified connection carries octet-counted RFC 5424 messages', async () => {
    const collector = await tlsCollector();
    close = collector.close;
    const sink = sinkFor(`tls://127.0.0.1:${collector.port}`, { caFile: CA_FILE, pen: 64000 });
    expect(await sink.send(items.slice(0, 12))).toEqual(
      Array(12).fill({ outcome: 'unacknowledged' }),
    );
    expect(await sink.send(items.slice(12))).toEqual(
      Array(items.length - 12).fill({ outcome: 'unacknowledged' }),
    );
    await sink.close();
    await expect.poll(() => collector.messages.length).toBe(items.length);
    expect(collector.connections()).toBe(1);
    const parsed = collector.messages.map((m) => parse(m));
    expect(
      parsed.every((p) => p.type === 'RFC5424' && p.structuredData[0].$id === 'tokentrail@64000'),
    ).toBe(true);
    expect(parsed.map((p) => p.messageid)).toEqual(
      items.map((i) => (i.kind === 'event' ? i.event.type : i.finding.type)),
    );
  });

  it('given a TLS collector whose CA is not configured, then the certificate fails verification (the default) and the items are reported, not retried', async () => {
    const collector = await tlsCollector();
    close = collector.close;
    const test = testRuntime();
    const sink = sinkFor(`tls://127.0.0.1:${collector.port}`, {}, test);
    const [delivery] = await sink.send(items.slice(0, 1));
    expect(delivery).toEqual({
      outcome: 'undelivered',
      reason: `syslog tls://127.0.0.1:${collector.port}: unable to verify the first certificate`,
      sinkDown: true,
    });
    expect(test.sleeps).toEqual([]);
    expect(collector.messages).toEqual([]);
  });

  it('given a TLS collector that accepts the connection but never answers the handshake, then the items time out and are reported in one line', async () => {
    const server = await silentServer();
    close = server.close;
    const sink = sinkFor(`tls://127.0.0.1:${server.port}`, {
      caFile: CA_FILE,
      timeoutMs: 50,
      attempts: 2,
    });
    expect(await sink.send(items.slice(0, 2))).toEqual(
      Array(2).fill({
        outcome: 'undelivered',
        reason: `syslog tls://127.0.0.1:${server.port}: no answer within 50 ms (gave up after 2 attempts)`,
        sinkDown: true,
      }),
    );
  });

  it('given a TCP collector that is down and comes back before the retry, then the batch is sent on a new connection', async () => {
    const probe = await tcpCollector();
    const port = probe.port;
    await probe.close();
    let collector: Awaited<ReturnType<typeof tcpCollector>> | undefined;
    // The back-off sleep is where the collector comes back: no waiting on the clock.
    const test = testRuntime({
      sleep: async () => {
        collector = await tcpCollector(port);
        close = collector.close;
      },
    });
    const sink = sinkFor(`tcp://127.0.0.1:${port}`, {}, test);
    expect(await sink.send(items.slice(0, 3))).toEqual(
      Array(3).fill({ outcome: 'unacknowledged' }),
    );
    await sink.close();
    expect(test.retries).toEqual([
      expect.stringMatching(
        new RegExp(
          `^syslog tcp://127.0.0.1:${port}: connect ECONNREFUSED .*; attempt 2 of 5 in \\d+ ms$`,
        ),
      ),
    ]);
    await expect.poll(() => collector?.messages.length).toBe(3);
  });
});
