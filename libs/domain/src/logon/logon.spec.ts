import { describe, expect, it } from 'vitest';
import {
  MachineDown,
  NameTaken,
  TimeWentBackwards,
  UnknownPrincipal,
  UnknownSession,
} from '../errors';
import { InMemorySimulation, eventOf, types } from '../testing/in-memory-simulation';
import type { LogonCacheEntry } from '../world/world-state';
import { logonCacheEviction } from './logon-cache-eviction';
import { tokenSourceAtInteractiveLogon } from './token-source-at-interactive-logon';

const groupsOf = (d: ReturnType<InMemorySimulation['run']>) =>
  eventOf(d, 'LoggedOn')
    .token.membership.groups.map((g) => g.name)
    .sort();

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
    ).toEqual({ source: 'directory', offline: false });
    expect(
      tokenSourceAtInteractiveLogon({
        hasCacheEntry: true,
        dcReachable: false,
        policy: { tokenFromLogonCache: false },
      }),
    ).toEqual({ source: 'logon-cache', offline: true });
    expect(
      tokenSourceAtInteractiveLogon({ hasCacheEntry: false, dcReachable: false, policy: on }),
    ).toEqual({ denied: 'no-cache-entry' });
  });
});

describe('interactive logon and the logon cache (SEMANTICS.md §3)', () => {
  const world = () =>
    new InMemorySimulation({ users: ['alice'], groups: { Finance: [] }, computers: ['WS1'] });

  it('given no cache entry, when alice logs on, then the token comes from truth, she gets a TGT and the cache is written', () => {
    const sim = world();
    const d = sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    expect(types(d)).toEqual(['LoggedOn', 'TgtIssued', 'LogonCacheRefreshed']);
    expect(eventOf(d, 'LoggedOn')).toMatchObject({
      source: 'directory',
      offline: false,
      halves: ['limited'],
    });
    expect(eventOf(d, 'LogonCacheRefreshed')).toMatchObject({
      user: 'alice',
      verifier: 'mscache-v2',
      evicted: null,
    });
  });

  it('given alice added to Finance after her first logon, then she must log off and on twice', () => {
    const sim = world();
    sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    const added = sim.at('09:10', 'addMember', { group: 'Finance', member: 'alice' });
    sim.at('09:20', 'logoff', { session: 's1' });
    const second = sim.at('09:21', 'logon', { user: 'alice', machine: 'WS1', session: 's2' });
    expect(groupsOf(second)).toEqual(['Domain Users']);
    expect(eventOf(second, 'LoggedOn').source).toBe('logon-cache');
    expect(eventOf(second, 'LogonCacheRefreshed').membership.groups.map((g) => g.name)).toContain(
      'Finance',
    );
    // the TGT of that logon is fresh: its PAC is truth at issuance
    expect(eventOf(second, 'TgtIssued').ticket.pac.groups.map((g) => g.name)).toContain('Finance');
    expect(second.find((d) => d.event.type === 'TgtIssued')?.causationId).toBe(added[0].eventId);
    sim.at('09:30', 'logoff', { session: 's2' });
    expect(
      groupsOf(sim.at('09:31', 'logon', { user: 'alice', machine: 'WS1', session: 's3' })),
    ).toEqual(['Domain Users', 'Finance']);
  });

  it('given tokenFromLogonCache false, then one relogon is enough', () => {
    const sim = new InMemorySimulation({
      users: ['alice'],
      groups: { Finance: [] },
      computers: [{ name: 'WS1', policy: { tokenFromLogonCache: false } }],
    });
    sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    sim.at('09:10', 'addMember', { group: 'Finance', member: 'alice' });
    sim.at('09:20', 'logoff', { session: 's1' });
    expect(
      groupsOf(sim.at('09:21', 'logon', { user: 'alice', machine: 'WS1', session: 's2' })),
    ).toContain('Finance');
  });

  it('given the DC unreachable, then the token comes from the cache, which is not refreshed, and no TGT is obtained', () => {
    const sim = world();
    sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    sim.at('09:05', 'logoff', { session: 's1' });
    sim.at('09:06', 'addMember', { group: 'Finance', member: 'alice' });
    sim.at('09:07', 'dcReachable', { machine: 'WS1', reachable: false });
    const d = sim.at('09:08', 'logon', { user: 'alice', machine: 'WS1', session: 's2' });
    expect(types(d)).toEqual(['LoggedOn']);
    expect(eventOf(d, 'LoggedOn')).toMatchObject({ source: 'logon-cache', offline: true });
    expect(groupsOf(d)).toEqual(['Domain Users']);
  });

  it('given the DC unreachable and no cache entry, then the logon is denied (no-cache-entry)', () => {
    const sim = world();
    sim.at('09:00', 'dcReachable', { machine: 'WS1', reachable: false });
    expect(
      eventOf(
        sim.at('09:01', 'logon', { user: 'alice', machine: 'WS1', session: 's1' }),
        'LogonDenied',
      ),
    ).toMatchObject({ reason: 'no-cache-entry' });
  });

  it('given cachedLogonsCount 2, when a third user logs on, then the least recently used entry is evicted', () => {
    const sim = new InMemorySimulation({
      users: ['a', 'b', 'c'],
      computers: [{ name: 'WS1', policy: { cachedLogonsCount: 2 } }],
    });
    sim.at('09:00', 'logon', { user: 'a', machine: 'WS1', session: 'sa' });
    sim.at('09:01', 'logon', { user: 'b', machine: 'WS1', session: 'sb' });
    sim.at('09:02', 'logon', { user: 'a', machine: 'WS1', session: 'sa2' }); // a is now the most recent
    const d = sim.at('09:03', 'logon', { user: 'c', machine: 'WS1', session: 'sc' });
    expect(eventOf(d, 'LogonCacheRefreshed').evicted).toMatchObject({ user: 'b' });
    expect([...sim.machine('WS1').logonCache.values()].map((e) => e.user).sort()).toEqual([
      'a',
      'c',
    ]);
  });

  it('given cachedLogonsCount 0, then nothing is cached and offline logon fails', () => {
    const sim = new InMemorySimulation({
      users: ['alice'],
      computers: [{ name: 'WS1', policy: { cachedLogonsCount: 0 } }],
    });
    expect(
      types(sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' })),
    ).toEqual(['LoggedOn', 'TgtIssued']);
    sim.at('09:01', 'dcReachable', { machine: 'WS1', reachable: false });
    expect(
      types(sim.at('09:02', 'logon', { user: 'alice', machine: 'WS1', session: 's2' })),
    ).toEqual(['LogonDenied']);
  });

  it('rejects unknown users, unknown sessions, taken session labels, machines that are down and steps back in time', () => {
    const sim = world();
    expect(() => sim.at('09:00', 'logon', { user: 'bob', machine: 'WS1', session: 's1' })).toThrow(
      UnknownPrincipal,
    );
    expect(() =>
      sim.at('09:00', 'logon', { user: 'Finance', machine: 'WS1', session: 's1' }),
    ).toThrow(expect.objectContaining({ field: 'user' }));
    expect(() => sim.at('09:00', 'logoff', { session: 'nope' })).toThrow(UnknownSession);
    sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    expect(() =>
      sim.at('09:01', 'logon', { user: 'alice', machine: 'WS1', session: 's1' }),
    ).toThrow(NameTaken);
    sim.at('09:02', 'shutdown', { machine: 'WS1' });
    expect(() =>
      sim.at('09:03', 'logon', { user: 'alice', machine: 'WS1', session: 's2' }),
    ).toThrow(MachineDown);
    expect(() => sim.at('08:59', 'boot', { machine: 'WS1' })).toThrow(TimeWentBackwards);
  });

  it('logonCacheEviction: no eviction for a known user or below capacity', () => {
    const entry = (user: string, lastUsedSeq: number): [string, LogonCacheEntry] => [
      user,
      {
        user,
        userSid: user,
        membership: { principal: { name: user, sid: user, sidHistory: [] }, groups: [] },
        refreshedAt: '',
        lastUsedSeq,
        eventId: '',
      },
    ];
    const cache = new Map([entry('a', 5), entry('b', 3)]);
    expect(logonCacheEviction(cache, 'a', 2)).toBeNull();
    expect(logonCacheEviction(cache, 'c', 3)).toBeNull();
    expect(logonCacheEviction(cache, 'c', 2)?.user).toBe('b');
  });
});
