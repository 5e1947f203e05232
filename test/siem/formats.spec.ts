import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryService } from '@tokentrail/projections';
import { ImportService } from '@tokentrail/siem';
import { createTestApp } from '../support/test-app';

const dir = mkdtempSync(join(tmpdir(), 'tt-formats-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const EVENT = (id: number, record: number, time: string, data: Record<string, string>) =>
  `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>${id}</EventID>` +
  `<TimeCreated SystemTime='${time}'/><EventRecordID>${record}</EventRecordID><Channel>Security</Channel><Computer>DC1.corp.example</Computer></System>` +
  `<EventData>${Object.entries(data)
    .map(([k, v]) => `<Data Name='${k}'>${v}</Data>`)
    .join('')}</EventData></Event>`;

const ALICE = 'S-1-5-21-1-2-3-1104';
const FINANCE = 'S-1-5-21-1-2-3-1103';
const member = {
  TargetUserName: 'Finance',
  TargetDomainName: 'CORP',
  TargetSid: FINANCE,
  MemberSid: ALICE,
  MemberName: 'CN=alice,CN=Users,DC=corp,DC=example',
  SubjectUserSid: 'S-1-5-21-1-2-3-500',
  SubjectDomainName: 'CORP',
};

describe('reading messy inputs', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let importer: ImportService;
  beforeAll(async () => {
    app = await createTestApp();
    importer = app.get(ImportService);
  });
  afterAll(async () => app?.close());
  const run = (sim: string, path: string, format: 'auto' | 'evtx-xml' = 'auto') =>
    importer.import(sim, [path], { format });

  it('given wevtutil XML (one event per line, and one spanning lines), then it is imported and truth follows it', async () => {
    const xml = file(
      'security.xml',
      [
        EVENT(4720, 9, '2026-03-02T08:59:00.0000000Z', {
          TargetUserName: 'alice',
          TargetDomainName: 'CORP',
          TargetSid: ALICE,
        }),
        EVENT(4728, 10, '2026-03-02T09:00:00.0000000Z', member),
        EVENT(4729, 11, '2026-03-02T09:30:00.0000000Z', member)
          .replace('<EventData>', '\n<EventData>\n')
          .replace('</EventData>', '\n</EventData>\n'),
      ].join('\n'),
    );
    const s = await run('xml', xml, 'evtx-xml');
    expect(s).toMatchObject({ read: 3, imported: 3, malformed: 0 });
    const q = app.get(QueryService);
    const truth = (at: string) =>
      q.answer('xml', { kind: 'truth', args: { principal: 'alice' } }, { at });
    expect((await truth('2026-03-02T09:15:00Z')).groups).toEqual(['Domain Users', 'Finance']);
    expect((await truth('2026-03-02T09:45:00Z')).groups).toEqual(['Domain Users']);
    // The MemberName is a DN, not a name: the principal keeps the name its 4720 gave.
    expect((await truth('2026-03-02T09:45:00Z')).sids).toContain(ALICE);
  });

  it('given malformed lines, then each is reported with its line number and skipped, and the rest is imported whole', async () => {
    const good = (record: number, id: number, extra: Record<string, string>) =>
      JSON.stringify({
        EventID: id,
        Hostname: 'DC1.corp.example',
        RecordNumber: record,
        EventTime: '2026-03-02 09:00:00',
        Channel: 'Security',
        ...extra,
      });
    const path = file(
      'messy.jsonl',
      [
        good(1, 4720, { TargetUserName: 'alice', TargetDomainName: 'CORP', TargetSid: ALICE }),
        '{"EventID": 4728, "Hostname": ',
        JSON.stringify({ Hostname: 'DC1', EventTime: '2026-03-02 09:00:00' }),
        JSON.stringify({
          EventID: 'four-seven-two-eight',
          Hostname: 'DC1',
          EventTime: '2026-03-02 09:00:00',
        }),
        JSON.stringify({ EventID: 4728, Hostname: 'DC1', RecordNumber: 5, EventTime: 'yesterday' }),
        good(6, 4728, { TargetUserName: 'Finance', TargetDomainName: 'CORP', MemberSid: ALICE }),
        '',
        good(8, 4728, member),
        good(8, 4728, member),
      ].join('\n'),
    );
    const s = await run('messy', path);
    expect(s.malformedShown.map((m) => [m.line, m.reason])).toEqual([
      [2, expect.stringMatching(/^bad JSON/)],
      [3, 'missing EventID'],
      [4, 'EventID is not an event number: "four-seven-two-eight"'],
      [5, 'EventTime is not a local time (YYYY-MM-DD HH:MM:SS): "yesterday"'],
      [6, 'event 4728: no SID in TargetSid'],
    ]);
    expect(s).toMatchObject({ read: 4, imported: 2, duplicates: 1, malformed: 5 });
    const truth = await app
      .get(QueryService)
      .answer(
        'messy',
        { kind: 'truth', args: { principal: 'alice' } },
        { at: '2026-03-02T10:00:00Z' },
      );
    expect(truth.groups).toEqual(['Domain Users', 'Finance']);
  });

  it('given a record that names no log, then it is not taken for Security: read, counted, not imported', async () => {
    const s = await importer.import('no-channel', [
      join(__dirname, '..', 'fixtures', 'logs', 'winlogbeat8-4728.ndjson'),
    ]);
    expect(s).toMatchObject({ read: 2, mapped: 1, otherChannels: 1, exitCode: 0 });
  });
});
