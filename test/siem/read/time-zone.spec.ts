import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '@tokentrail/domain';
import { readInputs, type WinEvent } from '@tokentrail/siem';
import { OTRF, hasData, readAll } from './read-all';

const SUBSET = join(OTRF, 'empire_wmic_add_user_backdoor.security-subset.jsonl');
const ZIP = join(OTRF, 'empire_wmic_add_user_backdoor.zip');
/** The 4728 that put the backdoor account in WORKSTATION6's "None" (EventTime 08:06:02, local). */
const added = (events: WinEvent[]) =>
  events.find((e) => e.eventId === 4728 && e.recordId === 56078);

describe.skipIf(!hasData)('zone-less local times (NXLog EventTime)', () => {
  it.each([
    ['the security subset', SUBSET],
    ['the original zip', ZIP],
  ])(
    'given %s and no timezone, when it is read, then the offset -04:00 is inferred from @timestamp and the 4728 lands at 12:06:02Z',
    async (_, path) => {
      const read = await readAll([path]);
      expect(added(read.events)).toMatchObject({
        time: '2020-09-14T12:06:02.000Z',
        localTime: '2020-09-14 08:06:02',
      });
      const log = read.files.find((f) => f.kind === 'log')!;
      expect(log.time).toEqual({
        zoneless: log.records,
        offset: '-04:00',
        source: 'inferred',
        samples: 25,
      });
    },
  );

  it('given a timezone, when the subset is read, then it overrides the inference and the report says it was given', async () => {
    const read = await readAll([SUBSET], { timezone: '-05:00' });
    expect(added(read.events)?.time).toBe('2020-09-14T13:06:02.000Z');
    expect(read.file('subset.jsonl').time).toMatchObject({ offset: '-05:00', source: 'given' });
    for (const zone of ['UTC', 'Z', '+00:00']) {
      const utc = await readAll([SUBSET], { timezone: zone });
      expect(added(utc.events)?.time).toBe('2020-09-14T08:06:02.000Z');
    }
  });

  it('given the subset, when it is read with inference, then the events keep the order of the file', async () => {
    const read = await readAll([SUBSET]);
    const lines = readFileSync(SUBSET, 'utf8').trim().split('\n');
    expect(read.events.map((e) => e.recordId)).toEqual(
      lines.map((l) => (JSON.parse(l) as { RecordNumber: number }).RecordNumber),
    );
  });

  it('given zone-less times without an ingest time, or with one days later, when read, then no offset is inferred and the report says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tt-zone-'));
    const lines = readFileSync(SUBSET, 'utf8').trim().split('\n').slice(0, 5);
    const reshaped = (name: string, change: (r: Record<string, unknown>) => void) => {
      const path = join(dir, name);
      writeFileSync(
        path,
        lines
          .map((l) => {
            const r = JSON.parse(l) as Record<string, unknown>;
            change(r);
            return JSON.stringify(r);
          })
          .join('\n'),
      );
      return path;
    };
    const none = reshaped('no-ingest.jsonl', (r) => delete r['@timestamp']);
    const late = reshaped('late.jsonl', (r) => {
      r['@timestamp'] = new Date(
        Date.parse(String(r['@timestamp'])) + 3 * 86_400_000,
      ).toISOString();
    });
    const read = await readAll([none, late]);
    expect(read.file('no-ingest.jsonl').time).toMatchObject({
      zoneless: 5,
      offset: '+00:00',
      source: 'none',
      note: expect.stringMatching(/no zoned ingest time/),
    });
    expect(read.file('late.jsonl').time).toMatchObject({
      source: 'none',
      note: expect.stringMatching(/no zone is that far/),
    });
    expect(read.events[0].time).toBe('2020-09-14T08:05:52.000Z');
  });
});

describe('the timezone option', () => {
  it.each(['+99:99', '+15:00', '-14:01', '+5:00', 'EST', 'utc+1'])(
    'given %s, when reading starts, then it is refused with an InvalidArgument naming the option',
    async (timezone) => {
      const inputs = readInputs([], { timezone });
      const reading = inputs[Symbol.asyncIterator]().next();
      await expect(reading).rejects.toBeInstanceOf(InvalidArgument);
      await expect(reading).rejects.toMatchObject({ field: 'timezone' });
    },
  );

  it('given the bounds ±14:00, when reading starts, then they are accepted', async () => {
    for (const timezone of ['+14:00', '-14:00', '+05:45'])
      await expect(readAll([], { timezone })).resolves.toMatchObject({ files: [] });
  });
});
