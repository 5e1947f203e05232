import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPrincipal, streamOf, type World } from '@tokentrail/domain';
import { QueryService } from '@tokentrail/projections';
import {
  ImportService,
  normalizeLogonId,
  parseGroupMembership,
  type ImportSummary,
} from '@tokentrail/siem';
import { createTestApp } from '../support/test-app';
import { DATASETS } from '../support/checkout';

const DATA = DATASETS;
const OTRF = join(DATA, 'otrf-security-datasets');
const EVTX = join(DATA, 'evtx-attack-samples');
const GOLDEN = join(DATA, 'elastic-beats-winlogbeat-golden');
const BACKDOOR = 'S-1-5-21-1969843730-2406867588-1543852148-1000';
const THESHIRE = 'S-1-5-21-4020993649-1037605423-417876593';

describe.skipIf(!existsSync(DATA))('importing ../shared/datasets', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let importer: ImportService;
  let queries: QueryService;
  const run = (sim: string, paths: string[], timezone?: string) =>
    importer.import(sim, paths, { timezone });
  const latest = async (sim: string): Promise<World> =>
    (await queries.view(sim, { position: Number.MAX_SAFE_INTEGER })).world;
  const events = async (sim: string) => {
    const out: { type: string; seq: number; data: Record<string, unknown> }[] = [];
    for await (const e of app.store.readStream(streamOf(sim)))
      out.push({
        type: e.type,
        seq: Number(e.revision) + 1,
        data: e.data as Record<string, unknown>,
      });
    return out;
  };
  beforeAll(async () => {
    app = await createTestApp();
    importer = app.get(ImportService);
    queries = app.get(QueryService);
  });
  afterAll(async () => app?.close());

  describe('OTRF empire_wmic_add_user_backdoor (security subset: 99 events)', () => {
    let summary: ImportSummary;
    beforeAll(async () => {
      summary = await run('otrf', [
        join(OTRF, 'empire_wmic_add_user_backdoor.security-subset.jsonl'),
      ]);
    });

    it('reads all 99 events, imports them, and says in which zone EventTime was read: -04:00, inferred from @timestamp', () => {
      expect(summary).toMatchObject({
        read: 99,
        mapped: 99,
        imported: 99,
        skipped: 0,
        malformed: 0,
        duplicates: 0,
        exitCode: 0,
        problems: [],
      });
      expect(summary.reports).toMatchObject([
        {
          format: 'otrf',
          records: 99,
          status: 'read',
          time: { offset: '-04:00', source: 'inferred' },
        },
      ]);
    });

    it('places the 4728 at 2020-09-14T12:06:02Z (its EventTime 08:06:02 read at -04:00)', async () => {
      const added = (await events('otrf')).find(
        (e) => e.type === 'MemberAdded' && e.data.memberSid === BACKDOOR,
      )!;
      expect(added.data.record).toMatchObject({
        eventId: 4728,
        recordId: 56078,
        time: '2020-09-14T12:06:02.000Z',
      });
    });

    it('gives the backdoor account the right truth before, during and after its 4 ms of life (4728 came before the 4720)', async () => {
      const log = await events('otrf');
      const created = log.find((e) => e.type === 'PrincipalCreated' && e.data.sid === BACKDOOR)!;
      const added = log.find((e) => e.type === 'MemberAdded' && e.data.memberSid === BACKDOOR)!;
      const named = log.find((e) => e.type === 'PrincipalNamed' && e.data.sid === BACKDOOR)!;
      const removed = log.find((e) => e.type === 'MemberRemoved' && e.data.memberSid === BACKDOOR)!;
      const deleted = log.find((e) => e.type === 'PrincipalDeleted' && e.data.sid === BACKDOOR)!;
      expect(
        created.seq < added.seq &&
          added.seq < named.seq &&
          named.seq < removed.seq &&
          removed.seq < deleted.seq,
      ).toBe(true);
      expect(named.data).toMatchObject({ name: 'backdoor', previous: BACKDOOR });
      const truth = (position: number) =>
        queries.answer('otrf', { kind: 'truth', args: { principal: BACKDOOR } }, { position });
      expect(await truth(created.seq - 1)).toMatchObject({ none: true });
      expect((await truth(added.seq)).groups).toEqual(['None']);
      expect((await truth(removed.seq)).groups).toEqual([]);
      expect(await truth(deleted.seq)).toMatchObject({ none: true });
      // "None" is WORKSTATION6's local group (its SAM), not the domain's Domain Users.
      const world = await latest('otrf');
      expect(
        world.directory.principals.get('S-1-5-21-1969843730-2406867588-1543852148-513'),
      ).toMatchObject({ name: 'None', scope: 'WORKSTATION6' });
    });

    it("takes pgustavo's Domain Admins (…-512) seen in his 4627s as a baseline fact, held since before the log: no finding", async () => {
      const log = await events('otrf');
      expect(log.filter((e) => e.type === 'TokenGroupsObserved')).toHaveLength(26);
      expect(log.filter((e) => e.type === 'TokenDivergenceFound')).toEqual([]);
      expect(summary.findings).toEqual({
        'lingering-after-removal': 0,
        'missing-after-add': 0,
        unexplained: 0,
      });
      const baseline = log.filter((e) => e.type === 'BaselineMembershipObserved');
      expect(summary.baselineFacts).toBe(baseline.length);
      expect(baseline.filter((e) => e.data.member === 'pgustavo').map((e) => e.data.group)).toEqual(
        [
          'Domain Admins',
          'Schema Admins',
          'Enterprise Admins',
          'Denied RODC Password Replication Group',
        ],
      );
      const da = baseline.find((e) => e.data.groupSid === `${THESHIRE}-512`)!;
      // "held since before the log, seen at T", with the record that showed it
      expect(da.data.record).toMatchObject({
        computer: 'WORKSTATION6',
        channel: 'Security',
        eventId: 4627,
        recordId: 55878,
        time: '2020-09-14T12:06:02.000Z',
      });
      const truth = await queries.answer(
        'otrf',
        { kind: 'truth', args: { principal: 'pgustavo' } },
        { at: '2020-09-14T12:07:00Z' },
      );
      expect(truth.groups).toContain('Domain Admins');
    });

    it('given the same file again, then every record is a duplicate and nothing is appended', async () => {
      const before = (await events('otrf')).length;
      const again = await run('otrf', [
        join(OTRF, 'empire_wmic_add_user_backdoor.security-subset.jsonl'),
      ]);
      expect(again).toMatchObject({ read: 99, imported: 0, unchanged: 99 });
      expect((await events('otrf')).length).toBe(before);
    });

    it('reads the original zip directly: the same 99 Security events, every other log skipped', async () => {
      const zip = await run('otrf-zip', [join(OTRF, 'empire_wmic_add_user_backdoor.zip')]);
      expect(zip).toMatchObject({ read: 12278, imported: 99, malformed: 0, baselineFacts: 5 });
      expect(zip.otherChannels).toBe(12278 - 6138 - 2);
      expect(zip.unknown['4656']).toBe(312);
    });

    it('reads gzip directly, and a zone option overrides the inferred one', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tt-gz-'));
      const gz = join(dir, 'subset.jsonl.gz');
      writeFileSync(
        gz,
        gzipSync(readFileSync(join(OTRF, 'empire_wmic_add_user_backdoor.security-subset.jsonl'))),
      );
      const s = await run('otrf-gz', [gz], '+00:00');
      expect(s).toMatchObject({ imported: 99 });
      expect(s.reports[0]).toMatchObject({
        gzip: true,
        time: { offset: '+00:00', source: 'given' },
      });
      const created = (await events('otrf-gz')).find(
        (e) => e.type === 'PrincipalCreated' && e.data.sid === BACKDOOR,
      )!;
      expect((created.data.record as { time: string }).time).toBe('2020-09-14T08:06:02.000Z');
    });
  });

  describe('EVTX-ATTACK-SAMPLES (winlog JSONL)', () => {
    it('4732: a local Guest and NETWORK SERVICE land in BUILTIN\\Administrators of MSEDGEWIN10, not in the domain', async () => {
      const s = await run('guest', [
        join(EVTX, 'Network_Service_Guest_added_to_admins_4732.winlog.jsonl'),
      ]);
      expect(s).toMatchObject({ read: 2, imported: 2 });
      const world = await latest('guest');
      const admins = world.directory.principals.get('S-1-5-32-544')!;
      expect(admins).toMatchObject({ name: 'Administrators', scope: 'MSEDGEWIN10' });
      expect([...world.directory.members.get('S-1-5-32-544')!].sort()).toEqual([
        'S-1-5-20',
        'S-1-5-21-3461203602-4096304019-2269080069-501',
      ]);
      expect(
        (
          await queries.answer(
            'guest',
            { kind: 'truth', args: { principal: 'S-1-5-21-3461203602-4096304019-2269080069-501' } },
            { position: 99 },
          )
        ).groups,
      ).toEqual(['Administrators']);
      expect(world.directory.sid).toBe('');
    });

    it('the Kerberos spray: nine TGTs observed, two pre-authentication failures recorded, the 1102 skipped', async () => {
      const s = await run('spray', [join(EVTX, 'kerberos_pwd_spray_4771.winlog.jsonl')]);
      expect(s).toMatchObject({ read: 12, imported: 11, unknown: { '1102': 1 } });
      const log = await events('spray');
      expect(
        log.filter((e) => e.type === 'TicketObserved' && e.data.ticket === 'tgt'),
      ).toHaveLength(9);
      expect(
        log.filter(
          (e) =>
            e.type === 'SecurityEventRecorded' &&
            (e.data.record as { eventId: number }).eventId === 4771,
        ),
      ).toHaveLength(2);
    });

    it("noPac: the computer account renamed to the DC's name and back; logon ids with zero padding join as numbers", async () => {
      const s = await run('nopac', [
        join(
          EVTX,
          'samaccount_spoofing_CVE-2021-42287_CVE-2021-42278_DC_securitylogs.winlog.jsonl',
        ),
      ]);
      expect(s.read).toBe(18);
      expect(s.unknown).toEqual({ '1102': 1, '4724': 1 });
      const log = await events('nopac');
      const renames = log.filter((e) => e.type === 'PrincipalNamed').map((e) => e.data.name);
      expect(renames).toEqual(['01566s-win16-ir', 'DC012']);
      const world = await latest('nopac');
      expect(findPrincipal(world.directory, 'DC012')?.kind).toBe('computer');
      const logons = [...world.machines.values()].flatMap((m) => [...m.observedLogons.keys()]);
      expect(logons).toContain('0x738ae4');
      expect(normalizeLogonId('0x0000000000738ae4')).toBe('0x738ae4');
    });
  });

  it('reads the binary .evtx files to the same facts as their winlog JSONL conversions', async () => {
    const names = [
      'Network_Service_Guest_added_to_admins_4732',
      'kerberos_pwd_spray_4771',
      'samaccount_spoofing_CVE-2021-42287_CVE-2021-42278_DC_securitylogs',
    ];
    const binary = await run(
      'evtx-binary',
      names.map((n) => join(EVTX, `${n}.evtx`)),
    );
    const json = await run(
      'evtx-json',
      names.map((n) => join(EVTX, `${n}.winlog.jsonl`)),
    );
    expect(binary).toMatchObject({ read: 32, imported: 25, malformed: 0, unknown: json.unknown });
    const facts = async (sim: string) =>
      (await events(sim)).map((e) => [
        e.type,
        JSON.stringify(e.data.record ?? null),
        e.data.memberSid ?? e.data.name ?? null,
      ]);
    expect(await facts('evtx-binary')).toEqual(await facts('evtx-json'));
  });

  describe('Winlogbeat golden files (JSON arrays)', () => {
    it('4728 (as collected) and 4756 (ECS-processed): Administrator is in test_group2 and Test_group3v2', async () => {
      const s = await run('golden', [
        join(GOLDEN, 'collection_security-windows2016_4728.evtx.golden.json'),
        join(GOLDEN, 'security-windows2016_4756.evtx.golden.json'),
      ]);
      expect(s).toMatchObject({ read: 2, imported: 2, malformed: 0 });
      const truth = await queries.answer(
        'golden',
        { kind: 'truth', args: { principal: 'S-1-5-21-101361758-2486510592-3018839910-500' } },
        { at: '2019-10-22T12:00:00Z' },
      );
      expect(truth.groups).toEqual(['Domain Users', 'Test_group3v2', 'test_group2']);
      const before = await queries.answer(
        'golden',
        { kind: 'truth', args: { principal: 'S-1-5-21-101361758-2486510592-3018839910-500' } },
        { at: '2019-10-22T11:34:00Z' },
      );
      expect(before.groups).toEqual(['Domain Users', 'test_group2']);
    });
  });

  it('parses 4627 GroupMembership whatever separates the SIDs', () => {
    expect(parseGroupMembership('\r\n\t\t%{S-1-5-21-1-2-3-513}\r\n\t\t%{S-1-1-0}')).toEqual([
      'S-1-5-21-1-2-3-513',
      'S-1-1-0',
    ]);
  });
});
