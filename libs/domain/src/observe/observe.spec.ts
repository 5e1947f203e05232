import { describe, expect, it } from 'vitest';
import { directoryTruth } from '../directory/directory-truth';
import type { Membership } from '../directory/membership';
import { DEFAULT_POLICY } from '../policy';
import { dataOf, given } from '../testing/given';
import { expectedTokenAtObservedLogon, LOGON_TYPE } from './expected-token-at-observed-logon';
import type { Observation } from './observation';
import { classifyTokenEvidence } from './classify-token-evidence';

const D = 'S-1-5-21-7-7-7';
const m = (...groups: string[]): Membership => ({
  principal: { name: 'u', sid: `${D}-1104`, sidHistory: [] },
  groups: groups.map((g, i) => ({
    name: g,
    sid: `${D}-${g === 'Domain Users' ? 513 : 2000 + i}`,
    sidHistory: [],
  })),
});
const record = (
  recordId: number,
  eventId: number,
  computer = 'DC1',
  time = '2026-03-02T09:00:00.000Z',
) => ({
  computer,
  channel: 'Security',
  recordId,
  eventId,
  time,
});
const observe = (sim: ReturnType<typeof given>, obs: Observation) =>
  sim.when(obs.record.time, 'observe', obs);

describe('expectedTokenAtObservedLogon (observed logons against SEMANTICS.md)', () => {
  const base = {
    authPackage: 'Kerberos',
    truth: m('Domain Users', 'New'),
    cacheEntry: m('Domain Users', 'Old'),
    observedTgtPac: m('Domain Users', 'Pac'),
    basicEntry: null,
    policy: DEFAULT_POLICY,
  };
  it('interactive and RDP: from the cache entry, refreshing it; without one, from truth', () => {
    expect(
      expectedTokenAtObservedLogon({ ...base, logonType: LOGON_TYPE.interactive }),
    ).toMatchObject({ source: 'logon-cache', refreshesCache: true, membership: base.cacheEntry });
    expect(
      expectedTokenAtObservedLogon({
        ...base,
        logonType: LOGON_TYPE.remoteInteractive,
        cacheEntry: null,
      }),
    ).toMatchObject({ source: 'directory', refreshesCache: true, membership: base.truth });
  });
  it('cached logons (11, 12) use the entry and do not refresh it', () => {
    expect(
      expectedTokenAtObservedLogon({ ...base, logonType: LOGON_TYPE.cachedInteractive }),
    ).toMatchObject({ source: 'logon-cache', refreshesCache: false });
  });
  it('network Kerberos uses the observed TGT PAC; NTLM and service logons use truth; Basic uses and fills the server cache', () => {
    expect(expectedTokenAtObservedLogon({ ...base, logonType: LOGON_TYPE.network })).toMatchObject({
      source: 'observed-tgt',
      membership: base.observedTgtPac,
    });
    expect(
      expectedTokenAtObservedLogon({ ...base, logonType: LOGON_TYPE.network, authPackage: 'NTLM' }),
    ).toMatchObject({ source: 'directory', membership: base.truth });
    expect(expectedTokenAtObservedLogon({ ...base, logonType: LOGON_TYPE.service })).toMatchObject({
      source: 'directory',
    });
    expect(
      expectedTokenAtObservedLogon({ ...base, logonType: LOGON_TYPE.networkCleartext }),
    ).toMatchObject({ source: 'directory', cachesBasic: true });
    expect(
      expectedTokenAtObservedLogon({
        ...base,
        logonType: LOGON_TYPE.networkCleartext,
        basicEntry: m('Cached'),
      }),
    ).toMatchObject({ source: 'basic-cache', cachesBasic: false });
  });
});

describe('classifyTokenEvidence (the evidence model)', () => {
  const user = `${D}-1104`;
  it('given a group held with no logged change, then it is a baseline fact, not a finding; other domains and well-known SIDs are not compared', () => {
    const sim = given([]);
    expect(
      classifyTokenEvidence({
        dir: sim.world.directory,
        userSid: user,
        observedSids: [
          `${D}-513`,
          `${D}-512`,
          'S-1-1-0',
          'S-1-5-32-545',
          'S-1-5-21-9-9-9-513',
          user,
        ],
        expected: m('Domain Users'),
        artifactAt: null,
        truth: m('Domain Users'),
      }),
    ).toEqual({ baseline: [`${D}-512`], findings: [] });
  });
  it('given a logged addition and a token without the group the rules also predict, then missing-after-add; a predicted group lacking after no logged change is nothing', () => {
    const sim = given([]);
    const dir = sim.world.directory;
    dir.evidence.set(`${user}|${D}-2001`, { kind: 'added', eventId: 'e1', at: '', record: null });
    expect(
      classifyTokenEvidence({
        dir,
        userSid: user,
        observedSids: [`${D}-513`],
        expected: m('Domain Users'),
        artifactAt: null,
        truth: m('Domain Users', 'Finance'),
      }).findings,
    ).toEqual([
      {
        finding: 'missing-after-add',
        carried: false,
        groups: [{ sid: `${D}-2001`, evidence: expect.objectContaining({ kind: 'added' }) }],
      },
    ]);
  });
  it('given a logged removal and a token still carrying the group that no rule predicts, then unexplained', () => {
    const sim = given([]);
    const dir = sim.world.directory;
    dir.evidence.set(`${user}|${D}-2001`, { kind: 'removed', eventId: 'e1', at: '', record: null });
    expect(
      classifyTokenEvidence({
        dir,
        userSid: user,
        observedSids: [`${D}-513`, `${D}-2001`],
        expected: m('Domain Users'),
        artifactAt: null,
        truth: m('Domain Users'),
      }).findings.map((f) => [f.finding, f.carried]),
    ).toEqual([['unexplained', true]]);
  });
});

describe('observe: importing facts from logs', () => {
  it('given a membership before the account exists, then both are created by SID and named later; a repeated record is ignored', () => {
    const sim = given([]);
    const add: Observation = {
      record: record(10, 4728),
      kind: 'membership',
      add: true,
      security: true,
      group: { sid: `${D}-3000`, name: 'Finance', domain: 'CORP' },
      member: { sid: `${D}-1104` },
    };
    observe(sim, add).then([
      'MachineObserved',
      { type: 'DomainCreated', data: { name: 'CORP', sid: D } },
      { type: 'PrincipalCreated', data: { kind: 'group', name: 'Finance' } },
      { type: 'PrincipalCreated', data: { kind: 'user', name: `${D}-1104` } },
      'MemberAdded',
    ]);
    observe(sim, add).then([]);
    observe(sim, {
      record: record(11, 4720),
      kind: 'account',
      principal: { sid: `${D}-1104`, name: 'alice', kind: 'user' },
    }).then([{ type: 'PrincipalNamed', data: { name: 'alice', previous: `${D}-1104` } }]);
  });

  it('given an account the log says is a computer, then it is one whatever its name', () => {
    const sim = given([]);
    observe(sim, {
      record: record(1, 4741),
      kind: 'account',
      principal: { sid: `${D}-1200`, name: 'kiosk', domain: 'CORP', kind: 'computer' },
    }).then([
      'MachineObserved',
      'DomainCreated',
      { type: 'PrincipalCreated', data: { kind: 'computer', name: 'kiosk' } },
    ]);
  });

  it('given an observed time earlier than the last event, then it is kept (logs arrive out of order)', () => {
    const sim = given([]);
    observe(sim, { record: record(1, 4608, 'WS1', '2026-03-02T10:00:00.000Z'), kind: 'boot' });
    observe(sim, { record: record(2, 4608, 'WS2', '2026-03-02T09:00:00.000Z'), kind: 'boot' }).then(
      ['MachineObserved', 'MachineStartObserved'],
    );
  });

  it('given a 4627 that lists a group no logged change grants, then it is a baseline fact (not a finding); a later token without it is unexplained', () => {
    const sim = given([]);
    const user = { sid: `${D}-1104`, name: 'bob', domain: 'CORP' };
    const logon = (n: number, id: string): Observation => ({
      record: record(n, 4624, 'FS1'),
      kind: 'logon',
      logonId: id,
      user,
      logonType: 3,
      authPackage: 'NTLM',
      elevated: null,
    });
    observe(sim, logon(1, '0x10'));
    const seen = observe(sim, {
      record: record(2, 4627, 'FS1'),
      kind: 'tokenGroups',
      logonId: '0x10',
      user,
      sids: [`${D}-513`, `${D}-512`],
    }).then([
      'TokenGroupsObserved',
      {
        type: 'BaselineMembershipObserved',
        data: { member: 'bob', group: 'Domain Admins', record: { recordId: 2, eventId: 4627 } },
      },
    ]);
    expect(dataOf(seen, 'TokenGroupsObserved').logonId).toBe('0x10');
    observe(sim, logon(3, '0x11'));
    observe(sim, {
      record: record(4, 4627, 'FS1'),
      kind: 'tokenGroups',
      logonId: '0x11',
      user,
      sids: [`${D}-513`],
    }).then([
      'TokenGroupsObserved',
      {
        type: 'TokenDivergenceFound',
        data: {
          finding: 'unexplained',
          carried: false,
          groups: [{ sid: `${D}-512`, name: 'Domain Admins' }],
          explainedBy: null,
        },
      },
    ]);
  });

  it('given a delegated service ticket, then the front end holds the user’s ticket for the back end', () => {
    const sim = given([]);
    const user = { sid: `${D}-1104`, name: 'alice', domain: 'CORP', kind: 'user' as const };
    observe(sim, {
      record: record(1, 4768),
      kind: 'ticket',
      ticket: 'tgt',
      user,
      service: 'krbtgt',
      serviceHost: null,
      delegatedBy: null,
      issued: true,
      status: '0x0',
    });
    observe(sim, {
      record: record(2, 4769),
      kind: 'ticket',
      ticket: 'service',
      user: { sid: '', name: 'alice' },
      service: 'MSSQLSvc/SQL1',
      serviceHost: 'SQL1',
      delegatedBy: 'WEB1',
      issued: true,
      status: '0x0',
    }).then([
      {
        type: 'TicketObserved',
        data: { user: 'alice', userSid: `${D}-1104`, transmittedServices: ['WEB1'] },
      },
      { type: 'MachineObserved', data: { machine: 'WEB1' } },
      {
        type: 'DelegationTicketCached',
        data: { server: 'WEB1', backend: 'SQL1', userSid: `${D}-1104` },
      },
    ]);
  });

  it('given a distribution group, then its members never get it in their truth', () => {
    const sim = given([]);
    observe(sim, {
      record: record(1, 4720),
      kind: 'account',
      principal: { sid: `${D}-1104`, name: 'alice', domain: 'CORP', kind: 'user' },
    });
    observe(sim, {
      record: record(2, 4751),
      kind: 'membership',
      add: true,
      security: false,
      group: { sid: `${D}-4000`, name: 'Newsletter' },
      member: { sid: `${D}-1104` },
    });
    expect(sim.world.directory.members.get(`${D}-4000`)?.has(`${D}-1104`)).toBe(true);
    expect(directoryTruth(sim.world.directory, `${D}-1104`)!.groups.map((g) => g.name)).toEqual([
      'Domain Users',
    ]);
  });

  describe('the evidence model', () => {
    const alice = { sid: `${D}-1104`, name: 'alice', domain: 'CORP' };
    const finance = { sid: `${D}-3000`, name: 'Finance', domain: 'CORP' };
    const at = (mm: string) => `2026-03-02T09:${mm}:00.000Z`;
    const logon = (n: number, id: string, mm: string): Observation => ({
      record: record(n, 4624, 'WS1', at(mm)),
      kind: 'logon',
      logonId: id,
      user: alice,
      logonType: 2,
      authPackage: 'Kerberos',
      elevated: false,
    });
    const token = (n: number, id: string, mm: string, sids: string[]): Observation => ({
      record: record(n, 4627, 'WS1', at(mm)),
      kind: 'tokenGroups',
      logonId: id,
      user: alice,
      sids: [`${D}-513`, ...sids],
    });
    const createAlice = (sim: ReturnType<typeof given>) =>
      observe(sim, {
        record: record(1, 4720),
        kind: 'account',
        principal: { ...alice, kind: 'user' },
      });
    const member = (n: number, add: boolean, mm: string): Observation => ({
      record: record(n, add ? 4728 : 4729, 'DC1', at(mm)),
      kind: 'membership',
      add,
      security: true,
      group: finance,
      member: { sid: alice.sid },
    });

    it('given a removal logged after the logon cache was filled, when the next interactive token still carries the group, then exactly one lingering-after-removal explained by the logon cache, naming both records', () => {
      const sim = given([]);
      observe(sim, {
        record: record(1, 4720, 'DC1', at('00')),
        kind: 'account',
        principal: { ...alice, kind: 'user' },
      });
      observe(sim, member(2, true, '01'));
      observe(sim, logon(10, '0x10', '02'));
      observe(sim, token(11, '0x10', '02', [finance.sid])).then(['TokenGroupsObserved']);
      observe(sim, member(3, false, '03'));
      observe(sim, logon(12, '0x20', '04')).then([
        { type: 'LogonObserved', data: { expectedSource: 'logon-cache' } },
        'LogonCacheRefreshed',
      ]);
      const found = observe(sim, token(13, '0x20', '04', [finance.sid])).then([
        'TokenGroupsObserved',
        'TokenDivergenceFound',
      ]);
      const f = dataOf(found, 'TokenDivergenceFound');
      expect(f).toMatchObject({
        finding: 'lingering-after-removal',
        carried: true,
        groups: [{ sid: finance.sid, name: 'Finance' }],
        explainedBy: { rule: 'logon-cache', record: { recordId: 10, eventId: 4624 } },
      });
      expect(f.evidence.map((r) => [r.computer, r.eventId, r.recordId])).toEqual([
        ['WS1', 4624, 10],
        ['DC1', 4729, 3],
        ['WS1', 4624, 12],
        ['WS1', 4627, 13],
      ]);
      expect(f.lineage).toHaveLength(3);
    });

    it('given a group held since before the log (a baseline fact seen after the logon cache was filled), when its removal is logged and the next interactive token still carries it, then lingering-after-removal, explained by the logon cache', () => {
      const sim = given([]);
      createAlice(sim);
      observe(sim, logon(10, '0x10', '02'));
      observe(sim, token(11, '0x10', '02', [finance.sid])).then([
        'TokenGroupsObserved',
        'PrincipalCreated',
        { type: 'BaselineMembershipObserved', data: { groupSid: finance.sid } },
      ]);
      observe(sim, member(3, false, '03'));
      observe(sim, logon(12, '0x20', '04'));
      const found = observe(sim, token(13, '0x20', '04', [finance.sid])).then([
        'TokenGroupsObserved',
        'TokenDivergenceFound',
      ]);
      expect(dataOf(found, 'TokenDivergenceFound')).toMatchObject({
        finding: 'lingering-after-removal',
        explainedBy: { rule: 'logon-cache' },
      });
    });

    it('given a token read before its logon, when the logon arrives, then the token is judged with it: a group no change explains is a baseline fact that enters truth', () => {
      const sim = given([]);
      observe(sim, token(11, '0x30', '02', [`${D}-512`])).then([
        'MachineObserved',
        'TokenGroupsObserved',
      ]);
      observe(sim, logon(10, '0x30', '02')).then([
        'DomainCreated',
        'PrincipalCreated',
        'LogonObserved',
        'LogonCacheRefreshed',
        {
          type: 'BaselineMembershipObserved',
          data: { groupSid: `${D}-512`, group: 'Domain Admins', memberSid: alice.sid },
        },
      ]);
      expect(directoryTruth(sim.world.directory, alice.sid)!.groups.map((g) => g.name)).toEqual([
        'Domain Admins',
        'Domain Users',
      ]);
      expect(sim.world.machines.get('ws1')!.pendingTokens.size).toBe(0);
    });

    it('given an account named NAME$ with PrimaryGroupId 513, then it is a user; PrimaryGroupId 515 makes a guessed user a computer', () => {
      const sim = given([]);
      observe(sim, {
        record: record(1, 4720),
        kind: 'account',
        principal: { sid: `${D}-1300`, name: 'svc$', domain: 'CORP', kind: 'user' },
        primaryGroupRid: 513,
      }).then([
        'MachineObserved',
        'DomainCreated',
        { type: 'PrincipalCreated', data: { kind: 'user' } },
      ]);
      observe(sim, {
        record: record(2, 4742),
        kind: 'account',
        principal: { sid: `${D}-1300` },
        primaryGroupRid: 515,
      }).then([{ type: 'PrincipalKindObserved', data: { kind: 'computer' } }]);
    });

    it('given a changed account (4738) with a new primary group and SID history, then both enter truth from that record', () => {
      const sim = given([]);
      createAlice(sim);
      observe(sim, {
        record: record(2, 4738),
        kind: 'account',
        principal: { sid: alice.sid, kind: 'user' },
        primaryGroupRid: 512,
        sidHistory: ['S-1-5-21-9-9-9-1104'],
      }).then([
        { type: 'PrimaryGroupChanged', data: { rid: 512 } },
        { type: 'SidHistoryAdded', data: { sid: 'S-1-5-21-9-9-9-1104' } },
      ]);
      const truth = directoryTruth(sim.world.directory, alice.sid)!;
      expect(truth.groups.map((g) => g.name)).toEqual(['Domain Admins']);
      expect(truth.principal.sidHistory).toEqual(['S-1-5-21-9-9-9-1104']);
      // Her primary group nested in another later: her truth (cached) follows.
      observe(sim, {
        record: record(3, 4728),
        kind: 'membership',
        add: true,
        security: true,
        group: finance,
        member: { sid: `${D}-512` },
      });
      expect(directoryTruth(sim.world.directory, alice.sid)!.groups.map((g) => g.name)).toEqual([
        'Domain Admins',
        'Finance',
      ]);
    });

    it('given a 5136 change of a group member by DN, then the member is added when both are known by name, else it is recorded', () => {
      const sim = given([]);
      createAlice(sim);
      observe(sim, {
        record: record(2, 4727),
        kind: 'account',
        principal: { ...finance, kind: 'group' },
      });
      observe(sim, {
        record: record(3, 5136),
        kind: 'directoryMember',
        add: true,
        groupDn: 'CN=Finance,OU=Groups,DC=corp,DC=example',
        memberDn: 'CN=alice,CN=Users,DC=corp,DC=example',
      }).then([{ type: 'MemberAdded', data: { group: 'Finance', member: 'alice' } }]);
      observe(sim, {
        record: record(4, 5136),
        kind: 'directoryMember',
        add: true,
        groupDn: 'CN=Nobody,DC=corp',
        memberDn: 'CN=alice,CN=Users,DC=corp,DC=example',
      }).then(['SecurityEventRecorded']);
    });
  });
});
