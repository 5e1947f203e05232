import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '@tokentrail/domain';
import { readInputs } from '@tokentrail/siem';
import { FIXTURES, GOLDEN, hasData, readAll } from './read-all';

// The fixtures are real events of ../shared/datasets in each product's envelope: their README says
// which.
const fixture = (name: string) => join(FIXTURES, name);
const BACKDOOR_4728 = {
  MemberSid: 'S-1-5-21-1969843730-2406867588-1543852148-1000',
  TargetSid: 'S-1-5-21-1969843730-2406867588-1543852148-513',
  TargetUserName: 'None',
  SubjectUserName: 'pgustavo',
};
const GOLDEN_4728 = {
  eventId: 4728,
  computer: 'WIN-41OB2LO92CR',
  recordId: 4657,
  channel: 'Security',
  time: '2019-10-22T11:33:26.861Z',
  data: expect.objectContaining({
    MemberSid: 'S-1-5-21-101361758-2486510592-3018839910-500',
    TargetSid: 'S-1-5-21-101361758-2486510592-3018839910-1112',
  }),
};

describe('record shapes, each detected per record', () => {
  it('given Winlogbeat 7 (event_id a number) and 8 (a string), when read, then both are winlogbeat events of the same 4728', async () => {
    const read = await readAll([
      fixture('winlogbeat7-4728.ndjson'),
      fixture('winlogbeat8-4728.ndjson'),
    ]);
    expect(read.events[0]).toMatchObject({ ...GOLDEN_4728, format: 'winlogbeat' });
    expect(read.events[1]).toMatchObject({ ...GOLDEN_4728, format: 'winlogbeat' });
    expect(read.malformed).toEqual([]);
  });

  it('given a record that names no channel, when read, then its channel stays empty and is never taken for Security', async () => {
    const read = await readAll([fixture('winlogbeat8-4728.ndjson')]);
    expect(read.events.map((e) => [e.recordId, e.channel])).toEqual([
      [4657, 'Security'],
      [4658, ''],
    ]);
  });

  it('given Winlogbeat 6.x (top-level event_id, log_name, record_number as a string), when read, then it is a winlogbeat6 event of the logging computer', async () => {
    const read = await readAll([fixture('winlogbeat6-4742.ndjson')]);
    expect(read.events).toEqual([
      expect.objectContaining({
        eventId: 4742,
        computer: 'HFDC01',
        recordId: 12282526,
        channel: 'Security',
        time: '2019-05-18T20:37:19.597Z',
        format: 'winlogbeat6',
        data: expect.objectContaining({ TargetUserName: 'HR001$', SubjectLogonId: '0x12ea7330' }),
      }),
    ]);
  });

  it.skipIf(!hasData)(
    'given an ECS document after the ingest pipeline, when read, then it is an ecs event',
    async () => {
      const read = await readAll([join(GOLDEN, 'security-windows2016_4756.evtx.golden.json')]);
      expect(read.events[0]).toMatchObject({ eventId: 4756, format: 'ecs', recordId: 4684 });
    },
  );

  it('given Sentinel SecurityEvent rows, when read, then EventData XML gives the data, or the columns when a row has none', async () => {
    const read = await readAll([fixture('sentinel-securityevent.jsonl')]);
    expect(read.events[0]).toMatchObject({
      eventId: 4728,
      computer: 'WORKSTATION6',
      recordId: null,
      channel: 'Security',
      time: '2020-09-14T12:06:02.000Z',
      format: 'sentinel',
      data: BACKDOOR_4728,
    });
    expect(read.events[1]).toMatchObject({
      eventId: 4688,
      computer: 'WORKSTATION5',
      time: '2022-05-13T08:54:08.420Z',
      format: 'sentinel',
      // Log4Shell: Tomcat starting an encoded PowerShell.
      data: expect.objectContaining({
        NewProcessName: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
        ParentProcessName:
          'C:\\ProgramData\\chocolatey\\lib\\Tomcat\\tools\\apache-tomcat-9.0.62\\bin\\tomcat9.exe',
        SubjectUserSid: 'S-1-5-19',
      }),
    });
    // Sentinel's own columns (Account, Activity, TenantId, …) are no EventData.
    expect(read.events[1].data).not.toHaveProperty('Activity');
    expect(read.events[1].data).not.toHaveProperty('TenantId');
  });

  it('given a Splunk XmlWinEventLog export (a row, and a row under "result"), when read, then _raw is read as the event', async () => {
    const read = await readAll([fixture('splunk-xmlwineventlog-4728.jsonl')]);
    expect(
      read.events.map((e) => [e.eventId, e.recordId, e.computer, e.channel, e.format]),
    ).toEqual([
      [4728, 56078, 'WORKSTATION6', 'Security', 'splunk-xml'],
      [4729, 56081, 'WORKSTATION6', 'Security', 'splunk-xml'],
    ]);
    expect(read.events[0]).toMatchObject({ time: '2020-09-14T12:06:02.000Z', data: BACKDOOR_4728 });
  });

  it('given wevtutil XML (two events on one line, the second spanning lines, in <Events>), when read, then both are read with the line they start on', async () => {
    const read = await readAll([fixture('wevtutil-4732.xml')]);
    expect(read.malformed).toEqual([]);
    expect(read.events.map((e) => [e.recordId, e.source.line, e.format, e.computer])).toEqual([
      [191029, 3, 'evtx-xml', 'MSEDGEWIN10'],
      [191030, 3, 'evtx-xml', 'MSEDGEWIN10'],
    ]);
    expect(read.events[1].data).toMatchObject({ MemberSid: 'S-1-5-20', TargetSid: 'S-1-5-32-544' });
  });

  it('given a UTF-16LE file with a byte order mark (PowerShell Out-File), when read, then it gives what its UTF-8 twin gives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tt-utf16-'));
    const utf16 = join(dir, 'sentinel-utf16.jsonl');
    const text = readFileSync(fixture('sentinel-securityevent.jsonl'), 'utf8');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const [a, b] = await Promise.all([
      readAll([utf16]),
      readAll([fixture('sentinel-securityevent.jsonl')]),
    ]);
    expect(a.events.map((e) => ({ ...e, source: null }))).toEqual(
      b.events.map((e) => ({ ...e, source: null })),
    );
  });
});

describe('the format option', () => {
  it('given a forced format, when a record is of another shape, then it is malformed with the field the format lacks', async () => {
    const read = await readAll([fixture('winlogbeat8-4728.ndjson')], { format: 'winlogbeat6' });
    expect(read.events).toEqual([]);
    expect(read.malformed.map((m) => m.reason)).toEqual(['missing event_id', 'missing event_id']);
    expect(read.file('winlogbeat8-4728.ndjson').status).toBe('no-readable-record');
  });

  it('given a forced format that fits, when read, then detection is not needed and the records are read', async () => {
    const read = await readAll([fixture('sentinel-securityevent.jsonl')], { format: 'sentinel' });
    expect(read.events.map((e) => e.format)).toEqual(['sentinel', 'sentinel']);
  });

  it('given an unknown format, when reading starts, then it is refused with an InvalidArgument naming the option', async () => {
    const inputs = readInputs([], { format: 'csv' as never });
    const reading = inputs[Symbol.asyncIterator]().next();
    await expect(reading).rejects.toBeInstanceOf(InvalidArgument);
    await expect(reading).rejects.toMatchObject({ field: 'format' });
  });
});
