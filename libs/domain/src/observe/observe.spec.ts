import { describe, expect, it } from 'vitest';
import { directoryTruth } from '../directory/directory-truth';
import type { Membership } from '../directory/membership';
import { DEFAULT_POLICY } from '../policy';
import { dataOf, given } from '../testing/given';
import { expectedTokenAtObservedLogon, LOGON_TYPE } from './expected-token-at-observed-logon';
import type { Observation } from './observation';
import { observedTokenDivergence } from './observed-token-divergence';

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

describe('observedTokenDivergence', () => {
  it('compares only the user domain’s group SIDs: more in the log, less in the model', () => {
    const sim = given([]);
    const logged = [
      `${D}-513`,
      `${D}-512`,
      'S-1-1-0',
      'S-1-5-32-545',
      'S-1-16-12288',
      'S-1-5-21-9-9-9-513',
      `${D}-1104`,
    ];
    expect(
      observedTokenDivergence(
        sim.world.directory,
        `${D}-1104`,
        logged,
        m('Domain Users', 'Finance'),
      ),
    ).toEqual({
      more: [{ sid: `${D}-512`, name: null }],
      less: [{ sid: `${D}-2001`, name: null }],
    });
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

  it('given a 4627 that lists groups the model does not grant, then a divergence is found against the logon’s expectation', () => {
    const sim = given([]);
    const user = { sid: `${D}-1104`, name: 'bob', domain: 'CORP' };
    observe(sim, {
      record: record(1, 4624, 'FS1'),
      kind: 'logon',
      logonId: '0x10',
      user,
      logonType: 3,
      authPackage: 'NTLM',
      elevated: null,
    });
    const found = observe(sim, {
      record: record(2, 4627, 'FS1'),
      kind: 'tokenGroups',
      logonId: '0x10',
      user,
      sids: [`${D}-513`, `${D}-512`],
    }).then([
      'TokenGroupsObserved',
      {
        type: 'TokenDivergenceFound',
        data: {
          user: 'bob',
          expectedSource: 'directory',
          more: [{ sid: `${D}-512`, name: 'Domain Admins' }],
          less: [],
        },
      },
    ]);
    expect(dataOf(found, 'TokenGroupsObserved').logonId).toBe('0x10');
    observe(sim, {
      record: record(3, 4627, 'FS1'),
      kind: 'tokenGroups',
      logonId: '0x10',
      user,
      sids: [`${D}-513`],
    }).then(['TokenGroupsObserved']);
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
});
