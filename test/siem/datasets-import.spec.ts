import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPrincipal, streamOf } from '@tokentrail/domain';
import { QueryService } from '@tokentrail/projections';
import { ImportService, type ImportSummary } from '@tokentrail/siem';
import { createTestApp } from '../support/test-app';
import { DATA, EVTX, GOLDEN, OTRF, hasData } from './read/read-all';

const NOPAC = 'samaccount_spoofing_CVE-2021-42287_CVE-2021-42278_DC_securitylogs';
const THESHIRE = 'S-1-5-21-4020993649-1037605423-417876593';

/** Every file of ../shared/datasets, imported on its own into a simulation of its own. */
const FILES: Record<string, string> = {
  golden4728: join(GOLDEN, 'collection_security-windows2016_4728.evtx.golden.json'),
  golden4756: join(GOLDEN, 'security-windows2016_4756.evtx.golden.json'),
  guestEvtx: join(EVTX, 'Network_Service_Guest_added_to_admins_4732.evtx'),
  guestJsonl: join(EVTX, 'Network_Service_Guest_added_to_admins_4732.winlog.jsonl'),
  sprayEvtx: join(EVTX, 'kerberos_pwd_spray_4771.evtx'),
  sprayJsonl: join(EVTX, 'kerberos_pwd_spray_4771.winlog.jsonl'),
  nopacEvtx: join(EVTX, `${NOPAC}.evtx`),
  nopacJsonl: join(EVTX, `${NOPAC}.winlog.jsonl`),
  wevtutil: join(OTRF, 'cmd_wevtutil_modify_security_eventlog_path.zip'),
  rdp: join(OTRF, 'empire_enable_rdp.tar.gz'),
  subset: join(OTRF, 'empire_wmic_add_user_backdoor.security-subset.jsonl'),
  backdoor: join(OTRF, 'empire_wmic_add_user_backdoor.zip'),
  log4shell: join(OTRF, 'securityauditing_log4shell_cve2021_44228_java_serialized_object.zip'),
};

describe.skipIf(!hasData)('importing every file of ../shared/datasets', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  const s: Record<string, ImportSummary> = {};
  const log = async (sim: string) => {
    const out: { type: string; data: Record<string, unknown> }[] = [];
    for await (const e of app.store.readStream(streamOf(sim)))
      out.push({ type: e.type, data: e.data as Record<string, unknown> });
    return out;
  };
  const count = async (sim: string, type: string) =>
    (await log(sim)).filter((e) => e.type === type).length;
  beforeAll(async () => {
    app = await createTestApp();
    for (const [sim, file] of Object.entries(FILES))
      s[sim] = await app.get(ImportService).import(sim, [file]);
  });
  afterAll(async () => app?.close());

  it('given each file, then its shape is detected and reported, and no record of it is malformed', () => {
    const formats = Object.fromEntries(
      Object.entries(s).map(([sim, x]) => [
        sim,
        x.reports.filter((r) => r.kind === 'log').map((r) => r.format),
      ]),
    );
    expect(formats).toEqual({
      golden4728: ['winlogbeat'],
      golden4756: ['ecs'],
      guestEvtx: ['evtx'],
      guestJsonl: ['winlogbeat'],
      sprayEvtx: ['evtx'],
      sprayJsonl: ['winlogbeat'],
      nopacEvtx: ['evtx'],
      nopacJsonl: ['winlogbeat'],
      wevtutil: ['nxlog'],
      rdp: ['winlogbeat6'],
      subset: ['otrf'],
      backdoor: ['otrf'],
      log4shell: ['sentinel'],
    });
    for (const x of Object.values(s)) expect(x.malformed).toBe(0);
  });

  it('given the Winlogbeat golden files, then Administrator is added to test_group2 (4728, collected) and to Test_group3v2 (4756, ECS)', async () => {
    expect(s.golden4728).toMatchObject({ read: 1, imported: 1, exitCode: 0 });
    expect(s.golden4756).toMatchObject({ read: 1, imported: 1, exitCode: 0 });
    const added = async (sim: string) =>
      (await log(sim)).filter((e) => e.type === 'MemberAdded').map((e) => e.data.group);
    expect(await added('golden4728')).toEqual(['test_group2']);
    expect(await added('golden4756')).toEqual(['Test_group3v2']);
  });

  it('given the 4732 sample (.evtx and its JSONL), then Guest and NETWORK SERVICE join BUILTIN\\Administrators of MSEDGEWIN10', async () => {
    for (const sim of ['guestEvtx', 'guestJsonl']) {
      expect(s[sim]).toMatchObject({ read: 2, mapped: 2, imported: 2 });
      const members = (await log(sim))
        .filter((e) => e.type === 'MemberAdded')
        .map((e) => [e.data.groupSid, e.data.memberSid]);
      expect(members).toEqual([
        ['S-1-5-32-544', 'S-1-5-21-3461203602-4096304019-2269080069-501'],
        ['S-1-5-32-544', 'S-1-5-20'],
      ]);
    }
  });

  it('given the Kerberos spray, then nine TGTs are observed, two 4771 recorded, the 1102 skipped as unmapped', async () => {
    for (const sim of ['sprayEvtx', 'sprayJsonl']) {
      expect(s[sim]).toMatchObject({ read: 12, mapped: 11, skipped: 1, unknown: { '1102': 1 } });
      expect(await count(sim, 'TicketObserved')).toBe(9);
      expect(await count(sim, 'SecurityEventRecorded')).toBe(2);
    }
  });

  it('given noPac, then DC012$ is a computer (its 4741), renamed and renamed back; its three 4742 are understood', async () => {
    for (const sim of ['nopacEvtx', 'nopacJsonl']) {
      expect(s[sim]).toMatchObject({ read: 18, mapped: 16, unknown: { '1102': 1, '4724': 1 } });
      const renames = (await log(sim))
        .filter((e) => e.type === 'PrincipalNamed')
        .map((e) => e.data.name);
      expect(renames).toEqual(['01566s-win16-ir', 'DC012']);
      const world = (await app.get(QueryService).view(sim, { position: 1e9 })).world;
      expect(findPrincipal(world.directory, 'DC012')?.kind).toBe('computer');
    }
  });

  it('given the wevtutil zip (NXLog TimeCreated), then its 25,208 records are read, the __MACOSX entry is skipped and counted, and a log of only unmapped IDs is no error', () => {
    expect(s.wevtutil).toMatchObject({
      read: 25208,
      mapped: 0,
      // Its records have no record number: each is told apart by a digest of its event, time and
      // data, and 102 of its Security records are in it twice, byte for byte but @timestamp.
      skipped: 25208 - 102,
      duplicates: 102,
      exitCode: 0,
      problems: [],
    });
    const zip = s.wevtutil.reports.find((r) => r.kind === 'zip')!;
    expect(zip.skipped).toMatchObject({
      count: 1,
      first: [
        {
          name: expect.stringMatching(/!__MACOSX\/\._/),
          reason: expect.stringMatching(/^AppleDouble/),
        },
      ],
    });
  });

  it('given the truncated empire_enable_rdp.tar.gz (Winlogbeat 6), then all 2,668 records are read and imported, the truncation is reported, and the import exits 3', async () => {
    expect(s.rdp).toMatchObject({ read: 2668, mapped: 32, exitCode: 3 });
    expect(s.rdp.problems).toEqual([
      {
        name: FILES.rdp,
        status: 'stopped-early',
        reason: expect.stringMatching(/^gzip: unexpected end of file \(Z_BUF_ERROR\)/),
        stoppedAt: { byte: 520499 },
        records: 2668,
      },
    ]);
    expect(await count('rdp', 'LogonObserved')).toBe(9);
    expect(await count('rdp', 'TokenGroupsObserved')).toBe(9);
    // What was imported stays; importing again skips it.
    const again = await app.get(ImportService).import('rdp', [FILES.rdp]);
    expect(again).toMatchObject({ read: 2668, imported: 0, unchanged: 32, exitCode: 3 });
  });

  it('given empire_wmic_add_user_backdoor (subset and whole zip), then the 4728 is at 2020-09-14T12:06:02Z (offset -04:00 inferred and reported), and pgustavo’s Domain Admins is a baseline fact, not a finding', async () => {
    for (const sim of ['subset', 'backdoor']) {
      const logReport = s[sim].reports.find((r) => r.kind === 'log')!;
      expect(logReport.time).toMatchObject({ offset: '-04:00', source: 'inferred' });
      const events = await log(sim);
      expect(events.find((e) => e.type === 'MemberAdded')?.data.record).toMatchObject({
        eventId: 4728,
        time: '2020-09-14T12:06:02.000Z',
      });
      const da = events.filter(
        (e) =>
          e.type === 'BaselineMembershipObserved' &&
          e.data.groupSid === `${THESHIRE}-512` &&
          e.data.member === 'pgustavo',
      );
      expect(da).toHaveLength(1);
      expect(s[sim].findings).toEqual({
        'lingering-after-removal': 0,
        'missing-after-add': 0,
        unexplained: 0,
      });
      expect(s[sim]).toMatchObject({ mapped: 99, imported: 99, baselineFacts: 5 });
    }
    expect(s.backdoor).toMatchObject({ read: 12278, otherChannels: 12278 - 6138 - 2 });
  });

  it('given the Sentinel export, then its 39 rows are read, none malformed, all of unmapped IDs, the rows without a record number told apart by their data', () => {
    // Six pairs of distinct rows share an event ID and millisecond; two rows are there twice.
    expect(s.log4shell).toMatchObject({ read: 39, mapped: 0, duplicates: 2, exitCode: 0 });
    expect(s.log4shell.unknown).toEqual({
      '4656': 9,
      '4663': 8,
      '4670': 2,
      '4688': 2,
      '4689': 2,
      '5156': 5,
      '5158': 9,
    });
  });

  it('given the whole folder, when it is imported recursively, then every log is read and the folder exits 3 naming the truncated archive', async () => {
    const all = await app.get(ImportService).import('all', [DATA]);
    expect(all).toMatchObject({ read: 40358, malformed: 0, exitCode: 3 });
    expect(all.problems.map((p) => p.name)).toEqual([DATA]);
    expect(all.problems[0].reason).toContain('empire_enable_rdp.tar.gz');
  });
});
