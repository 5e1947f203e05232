import { describe, expect, it } from 'vitest';
import {
  MachineDown,
  NameTaken,
  TimeWentBackwards,
  UnknownPrincipal,
  UnknownSession,
} from '../errors';
import { corp, dataOf, given } from '../testing/given';
import type { LogonCacheEntry } from '../world/world-state';
import { logonCacheEviction } from './logon-cache-eviction';
import { tokenSourceAtInteractiveLogon } from './token-source-at-interactive-logon';

const tokenGroups = (d: Parameters<typeof dataOf>[0]) =>
  dataOf(d, 'LoggedOn')
    .token.membership.groups.map((g) => g.name)
    .sort();
const logon = (session: string, user = 'alice', machine = 'WS1') => ({ user, machine, session });

describe('tokenSourceAtInteractiveLogon (SEMANTICS.md §3)', () => {
  const on = { tokenFromLogonCache: true };
  it('uses the cache entry when one exists, even online; else truth; offline without an entry it denies', () => {
    expect(
      tokenSourceAtInteractiveLogon({ hasCacheEntry: true, dcReachable: true, policy: on }),
    ).toEqual({ source: 'logon-cache', offline: false });
    expect(
      tokenSourceAtInteractiveLogon({ hasCacheEntry: false, dcReachable: true, policy: on }),
    ).toEqual({ source: 'directory', offline: false });
    expect(
      tokenSourceAtInteractiveLogon({
        hasCacheEntry: true,
        dcReachable: true,
        policy: { tokenFromLogonCache: false },
      }),
    ).toEqual({
      source: 'directory',
      offline: false,
    });
    expect(
      tokenSourceAtInteractiveLogon({
        hasCacheEntry: true,
        dcReachable: false,
        policy: { tokenFromLogonCache: false },
      }),
    ).toEqual({
      source: 'logon-cache',
      offline: true,
    });
    expect(
      tokenSourceAtInteractiveLogon({ hasCacheEntry: false, dcReachable: false, policy: on }),
    ).toEqual({ denied: 'no-cache-entry' });
  });
});

describe('interactive logon and the logon cache (SEMANTICS.md §3)', () => {
  const world = () =>
    given(corp({ users: ['alice'], groups: { Finance: [] }, computers: ['WS1'] }));

  it('given no cache entry, when alice logs on, then the token comes from truth, she gets a TGT and the cache is written', () => {
    world()
      .when('09:00', 'logon', logon('s1'))
      .then([
        { type: 'LoggedOn', data: { source: 'directory', offline: false, halves: ['limited'] } },
        { type: 'TgtIssued', data: { halves: ['limited'] } },
        {
          type: 'LogonCacheRefreshed',
          data: { user: 'alice', verifier: 'mscache-v2', evicted: null },
        },
      ]);
  });

  it('given alice added to Finance after her first logon, then she must log off and on twice', () => {
    const sim = world();
    sim.and('09:00', 'logon', logon('s1'));
    const [added] = sim.and('09:10', 'addMember', { group: 'Finance', member: 'alice' });
    sim.and('09:20', 'logoff', { session: 's1' });
    const second = sim
      .when('09:21', 'logon', logon('s2'))
      .then(['LoggedOn', 'TgtIssued', 'LogonCacheRefreshed']);
    expect(tokenGroups(second)).toEqual(['Domain Users']);
    expect(dataOf(second, 'LoggedOn').source).toBe('logon-cache');
    expect(dataOf(second, 'LogonCacheRefreshed').membership.groups.map((g) => g.name)).toContain(
      'Finance',
    );
    // the TGT of that logon is fresh: its PAC is truth at issuance, copied from the membership
    // change
    expect(dataOf(second, 'TgtIssued').ticket.pac.groups.map((g) => g.name)).toContain('Finance');
    expect(second[1].cause).toBe(added.eventId);
    sim.and('09:30', 'logoff', { session: 's2' });
    expect(tokenGroups(sim.when('09:31', 'logon', logon('s3')).decided())).toEqual([
      'Domain Users',
      'Finance',
    ]);
  });

  it('given tokenFromLogonCache false, then one relogon is enough', () => {
    const sim = given(
      corp({
        users: ['alice'],
        groups: { Finance: [] },
        computers: [{ name: 'WS1', policy: { tokenFromLogonCache: false } }],
      }),
    );
    sim.and('09:00', 'logon', logon('s1'));
    sim.and('09:10', 'addMember', { group: 'Finance', member: 'alice' });
    sim.and('09:20', 'logoff', { session: 's1' });
    expect(tokenGroups(sim.when('09:21', 'logon', logon('s2')).decided())).toContain('Finance');
  });

  it('given the DC unreachable, then the token comes from the cache, which is not refreshed, and no TGT is obtained', () => {
    const sim = world();
    sim.and('09:00', 'logon', logon('s1'));
    sim.and('09:05', 'logoff', { session: 's1' });
    sim.and('09:06', 'addMember', { group: 'Finance', member: 'alice' });
    sim.and('09:07', 'dcReachable', { machine: 'WS1', reachable: false });
    const d = sim
      .when('09:08', 'logon', logon('s2'))
      .then([{ type: 'LoggedOn', data: { source: 'logon-cache', offline: true } }]);
    expect(tokenGroups(d)).toEqual(['Domain Users']);
  });

  it('given the DC unreachable and no cache entry, then the logon is denied (no-cache-entry)', () => {
    const sim = world();
    sim.and('09:00', 'dcReachable', { machine: 'WS1', reachable: false });
    sim
      .when('09:01', 'logon', logon('s1'))
      .then([{ type: 'LogonDenied', data: { reason: 'no-cache-entry' } }]);
  });

  it('given cachedLogonsCount 2, when a third user logs on, then the least recently used entry is evicted', () => {
    const sim = given(
      corp({
        users: ['a', 'b', 'c'],
        computers: [{ name: 'WS1', policy: { cachedLogonsCount: 2 } }],
      }),
    );
    sim.and('09:00', 'logon', logon('sa', 'a'));
    sim.and('09:01', 'logon', logon('sb', 'b'));
    sim.and('09:02', 'logon', logon('sa2', 'a')); // a is now the most recent
    sim
      .when('09:03', 'logon', logon('sc', 'c'))
      .then([
        'LoggedOn',
        'TgtIssued',
        { type: 'LogonCacheRefreshed', data: { evicted: { user: 'b' } } },
      ]);
    expect([...sim.machine('WS1').logonCache.values()].map((e) => e.user).sort()).toEqual([
      'a',
      'c',
    ]);
  });

  it('given cachedLogonsCount 0, then nothing is cached and offline logon fails', () => {
    const sim = given(
      corp({ users: ['alice'], computers: [{ name: 'WS1', policy: { cachedLogonsCount: 0 } }] }),
    );
    sim.when('09:00', 'logon', logon('s1')).then(['LoggedOn', 'TgtIssued']);
    sim.and('09:01', 'dcReachable', { machine: 'WS1', reachable: false });
    sim.when('09:02', 'logon', logon('s2')).then(['LogonDenied']);
  });

  it('rejects unknown users, unknown sessions, taken session labels, machines that are down and steps back in time', () => {
    const sim = world();
    sim.when('09:00', 'logon', logon('s1', 'bob')).thenThrows(UnknownPrincipal);
    sim
      .when('09:00', 'logon', logon('s1', 'Finance'))
      .thenThrows(expect.objectContaining({ field: 'user' }));
    sim.when('09:00', 'logoff', { session: 'nope' }).thenThrows(UnknownSession);
    sim.and('09:00', 'logon', logon('s1'));
    sim.when('09:01', 'logon', logon('s1')).thenThrows(NameTaken);
    sim.and('09:02', 'shutdown', { machine: 'WS1' });
    sim.when('09:03', 'logon', logon('s2')).thenThrows(MachineDown);
    sim.when('08:59', 'boot', { machine: 'WS1' }).thenThrows(TimeWentBackwards);
  });

  it('logonCacheEviction: no eviction for a known user or below capacity', () => {
    const entry = (user: string, lastUsed: number): [string, LogonCacheEntry] => [
      user,
      {
        user,
        userSid: user,
        membership: { principal: { name: user, sid: user, sidHistory: [] }, groups: [] },
        refreshedAt: '',
        lastUsed,
        eventId: '',
      },
    ];
    const cache = new Map([entry('a', 5), entry('b', 3)]);
    expect(logonCacheEviction(cache, 'a', 2)).toBeNull();
    expect(logonCacheEviction(cache, 'c', 3)).toBeNull();
    expect(logonCacheEviction(cache, 'c', 2)?.user).toBe('b');
  });
});
