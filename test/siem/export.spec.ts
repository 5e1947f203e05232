import { existsSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import parse from 'nsyslog-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ecs } from '@elastic/ecs';
import {
  ExportService,
  ImportService,
  OCSF_BASE_REQUIRED,
  OCSF_CLASSES,
  cefValue,
  toCef,
  toEcs,
  toOcsf,
  toSyslog,
  type ExportItem,
} from '@tokentrail/siem';
import { createSink, parseSinkOptions } from '@tokentrail/siem/export/sinks';
import { createTestApp } from '../support/test-app';
import { OTRF_BACKDOOR as OTRF } from '../support/checkout';

const SCENARIO_FINDING: ExportItem = {
  kind: 'finding',
  finding: {
    id: 'stale:smb-session:s1/limited/FS1:2026-03-02T09:10:00.000Z',
    type: 'stale-artifact',
    at: '2026-03-02T09:12:00.000Z',
    simulation: 'inv-7',
    principal: 'alice',
    machine: 'FS1',
    artifact: { kind: 'smb-session', id: 's1/limited/FS1' },
    lingering: ['Finance'],
    missing: [],
    summary: 'smb-session s1/limited/FS1 of alice still carries Finance | a=b \\ c',
    severity: 7,
    explainedBy: null,
    records: [],
    lineage: [],
  },
};
/** Written for the evidence model's test: one lingering-after-removal (test/fixtures/logs). */
const LINGERING = join(__dirname, '..', 'fixtures', 'logs', 'lingering-after-removal.ndjson');

function getPath(o: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      o,
    );
}

describe.skipIf(!existsSync(OTRF))('exporters', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let items: ExportItem[];
  beforeAll(async () => {
    app = await createTestApp();
    await app.get(ImportService).import('otrf', [OTRF, LINGERING]);
    items = [];
    for await (const i of app.get(ExportService).items('otrf')) items.push(i);
  });
  afterAll(async () => app?.close());

  it('exports the log and its findings: one lingering-after-removal, with its records and lineage', () => {
    expect(items.filter((i) => i.kind === 'event').length).toBeGreaterThan(99);
    const findings = items.flatMap((i) => (i.kind === 'finding' ? [i.finding] : []));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      type: 'lingering-after-removal',
      principal: 'alice',
      machine: 'WS1',
      lingering: ['Finance'],
      explainedBy: { rule: 'logon-cache' },
    });
    expect(findings[0].records.map((r) => `${r.computer}#${r.recordId}`)).toEqual([
      'WS1#500',
      'DC1#103',
      'WS1#503',
      'WS1#504',
    ]);
    expect(findings[0].lineage).toHaveLength(3);
  });

  it('every format carries each field of a finding it labels: CEF (no label without a value), OCSF, ECS, syslog', () => {
    const item = items.find((i) => i.kind === 'finding')!;
    if (item.kind !== 'finding') throw new Error('no finding');
    const f = item.finding;
    const records =
      'WS1/Security#500@2026-03-02T09:02:00.000Z DC1/Security#103@2026-03-02T09:20:00.000Z WS1/Security#503@2026-03-02T09:30:00.000Z WS1/Security#504@2026-03-02T09:30:00.000Z';
    const cef = parse(toCef(item)).fields as Record<string, string>;
    for (const [k, v] of Object.entries(cef))
      if (k.endsWith('Label')) expect(cef[k.slice(0, -'Label'.length)], `${k}=${v}`).toBeTruthy();
    expect(cef).toMatchObject({
      cs2Label: 'lingering',
      cs2: 'Finance',
      cs5Label: 'explainedBy',
      cs6Label: 'records',
      cs6: records,
      flexString1Label: 'lineage',
      flexString1: f.lineage.join(' '),
    });
    expect(cef.cs5).toMatch(/^logon-cache: /);
    expect(cef.cs3Label).toBeUndefined();
    const ocsf = toOcsf(item)!;
    expect(getPath(ocsf, 'finding_info.related_events')).toHaveLength(4);
    expect(getPath(ocsf, 'finding_info.analytic.name')).toBe('logon-cache');
    expect(getPath(ocsf, 'unmapped.lineage')).toEqual(f.lineage);
    expect(toEcs(item).tokentrail).toMatchObject({
      finding: 'lingering-after-removal',
      records: f.records,
      lineage: f.lineage,
      explained_by: { rule: 'logon-cache' },
    });
    expect(parse(toSyslog(item, { pen: 32473 })).structuredData[0]).toMatchObject({
      records,
      explainedBy: 'logon-cache',
      lineage: f.lineage.join(' '),
    });
  });

  it('CEF lines parse back with nsyslog-parser to the same header and extension fields', () => {
    for (const item of items) {
      const line = toCef(item);
      const parsed = parse(line);
      expect(parsed.type).toBe('CEF');
      expect(parsed.cef).toMatchObject({
        version: 'CEF:0',
        deviceVendor: 'tokentrail',
        deviceProduct: 'tokentrail',
        deviceVersion: '0.1.0',
      });
      if (item.kind === 'finding') {
        expect(parsed.fields).toMatchObject({
          suser: item.finding.principal,
          dhost: item.finding.machine,
          externalId: item.finding.id,
          cs1: 'otrf',
          rt: String(Date.parse(item.finding.at)),
        });
        expect(parsed.cef.severity).toBe(String(item.finding.severity));
      } else {
        expect(parsed.fields).toMatchObject({
          externalId: item.event.metadata.eventId,
          cs1: 'otrf',
          cn1: String(item.seq),
        });
      }
    }
  });

  it('CEF escapes pipes in the header and backslash, equals and newlines in extensions', () => {
    const line = toCef(SCENARIO_FINDING);
    // An independent reading of the CEF rules: split the header on unescaped pipes, then unescape.
    const header = line
      .split(/(?<!\\)\|/)
      .slice(0, 7)
      .map((h) => h.replace(/\\([\\|])/g, '$1'));
    expect(header[5]).toBe('smb-session s1/limited/FS1 of alice still carries Finance | a=b \\ c');
    expect(cefValue('a=b\\c\nd')).toBe('a\\=b\\\\c\\nd');
  });

  it('RFC 5424 messages parse back with nsyslog-parser: priority, version, timestamp, app, msgid and structured data', () => {
    // With a Private Enterprise Number configured (RFC 5612's documentation one, here only).
    const pen = 32473;
    for (const item of items.slice(0, 40)) {
      const parsed = parse(toSyslog(item, { pen }));
      expect(parsed).toMatchObject({
        type: 'RFC5424',
        version: 1,
        facility: 'authpriv',
        appName: 'tokentrail',
      });
      expect(parsed.structuredData[0]).toMatchObject({
        $id: 'tokentrail@32473',
        simulation: 'otrf',
      });
      if (item.kind === 'event') {
        expect(new Date(parsed.ts).toISOString()).toBe(item.event.metadata.occurredAt);
        expect(parsed.messageid).toBe(item.event.type);
        expect(parsed.level).toBe('info');
        expect(parsed.structuredData[0]).toMatchObject({
          position: String(item.seq),
          id: item.event.metadata.eventId,
        });
      }
    }
    const finding = parse(
      toSyslog(
        items.find((i) => i.kind === 'finding')!,
        { pen },
      ),
    );
    expect(finding).toMatchObject({ level: 'alert', messageid: 'lingering-after-removal' });
  });

  it('OCSF objects carry every required attribute of their class', () => {
    const classes = new Map<number, (typeof OCSF_CLASSES)[keyof typeof OCSF_CLASSES]>(
      Object.values(OCSF_CLASSES).map((c) => [c.class_uid, c]),
    );
    const seen = new Set<number>();
    for (const item of [...items, SCENARIO_FINDING]) {
      const o = toOcsf(item);
      if (!o) continue;
      const cls = classes.get(o.class_uid)!;
      seen.add(o.class_uid);
      for (const attr of [...OCSF_BASE_REQUIRED, ...cls.required])
        expect(getPath(o, attr), `${cls.name} lacks ${attr}`).toBeDefined();
      expect(o.type_uid).toBe(o.class_uid * 100 + o.activity_id);
      expect(o.category_uid).toBe(cls.category_uid);
      for (const attr of [
        'metadata.version',
        'metadata.product.name',
        'metadata.product.vendor_name',
      ])
        expect(getPath(o, attr)).toBeDefined();
      if (o.class_uid === 2004)
        for (const attr of ['finding_info.uid', 'finding_info.title'])
          expect(getPath(o, attr)).toBeDefined();
    }
    expect([...seen].sort()).toEqual([2004, 3001, 3002, 3006]);
  });

  it('ECS documents type-check against @elastic/ecs, with Winlogbeat action names and event.kind alert for findings', () => {
    const docs: Ecs[] = items.map(toEcs);
    const member = docs.find((d) => d.event?.action === 'added-member-to-group')!;
    expect(member).toMatchObject({
      event: { kind: 'event', code: '4728', category: ['iam'] },
      group: { name: 'None' },
    });
    expect(docs.find((d) => d.event?.code === '4624')?.event?.action).toBe('logged-in');
    expect(docs.filter((d) => d.event?.kind === 'alert')).toHaveLength(1);
    expect(docs.every((d) => d.ecs.version && d['@timestamp'])).toBe(true);
  });

  it('sends syslog over a real TCP socket on 127.0.0.1 with octet-counted framing', async () => {
    const received: string[] = [];
    let buffer = '';
    const server = createServer((socket) => {
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        // Octet counting: LENGTH SP MESSAGE, repeated (messages are ASCII here, so characters are
        // octets).
        for (
          let m = /^(\d+) /.exec(buffer);
          m && buffer.length >= m[0].length + Number(m[1]);
          m = /^(\d+) /.exec(buffer)
        ) {
          received.push(buffer.slice(m[0].length, m[0].length + Number(m[1])));
          buffer = buffer.slice(m[0].length + Number(m[1]));
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const batch = items.slice(0, 25);
    const messages = batch.map((item) => toSyslog(item));
    const sink = createSink(parseSinkOptions({ kind: 'syslog', url: `tcp://127.0.0.1:${port}` }));
    expect(await sink.send(batch)).toEqual(batch.map(() => ({ outcome: 'unacknowledged' })));
    await sink.close();
    await expect.poll(() => received.length).toBe(25);
    expect(received).toEqual(messages);
    expect(parse(received[0]).type).toBe('RFC5424');
    server.close();
  });

  it('follows a simulation live: findings stored later arrive as findings', async () => {
    const { firstValueFrom, take, toArray } = await import('rxjs');
    const live = firstValueFrom(
      app.get(ExportService).follow('otrf-live').pipe(take(1), toArray()),
    );
    await app.get(ImportService).import('otrf-live', [OTRF, LINGERING]);
    const found = await live;
    expect(
      found.map((i) => (i.kind === 'finding' ? [i.finding.principal, i.finding.type] : null)),
    ).toEqual([['alice', 'lingering-after-removal']]);
  });

  it('delivers a finding to a webhook at least once: retried with back-off, the same idempotency key every time', async () => {
    const calls: { key: string | undefined; body: string }[] = [];
    const server = createHttpServer((req, res) => {
      let body = '';
      req
        .on('data', (c) => (body += c))
        .on('end', () => {
          calls.push({ key: req.headers['idempotency-key'] as string | undefined, body });
          res.statusCode = calls.length < 3 ? 503 : 200;
          res.end();
        });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const sink = createSink(
      parseSinkOptions({ kind: 'webhook', url: `http://127.0.0.1:${port}/hook`, backoffMs: 5 }),
    );
    expect(await sink.send([SCENARIO_FINDING])).toEqual([{ outcome: 'retried' }]);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.key))).toEqual(
      new Set([SCENARIO_FINDING.kind === 'finding' ? SCENARIO_FINDING.finding.id : '']),
    );
    expect(JSON.parse(calls[2].body).event.kind).toBe('alert');
    const unreachable = createSink(
      parseSinkOptions({
        kind: 'webhook',
        url: 'http://127.0.0.1:1/none',
        attempts: 2,
        backoffMs: 1,
      }),
    );
    expect(await unreachable.send([SCENARIO_FINDING])).toEqual([
      {
        outcome: 'undelivered',
        reason: expect.stringMatching(/gave up after 2 attempts/),
        sinkDown: true,
      },
    ]);
    server.close();
  });
});
