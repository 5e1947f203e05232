import { describe, expect, it } from 'vitest';
import { InMemorySimulation, eventOf, seen, types } from '../testing/in-memory-simulation';

function world() {
  const sim = new InMemorySimulation({
    users: ['alice'],
    groups: { Finance: ['alice'] },
    computers: ['WS1', { name: 'WEB1', policy: { basicTokenTtl: 15 * 60_000 } }, 'SQL1'],
  });
  sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
  return sim;
}
const basic = (connection: string) =>
  ({ session: 's1', server: 'WEB1', service: 'http', auth: 'basic', connection }) as const;

describe('Basic-authentication token cache (SEMANTICS.md §9)', () => {
  it('given a cached token, then new connections reuse it until basicTokenTtl, whatever the directory says', () => {
    const sim = world();
    expect(types(sim.at('09:01', 'access', basic('c1')))).toEqual([
      'BasicTokenCached',
      'ConnectionOpened',
      'AccessMade',
    ]);
    sim.at('09:02', 'closeConnection', { connection: 'c1' });
    sim.at('09:03', 'removeMember', { group: 'Finance', member: 'alice' });
    const cached = sim.at('09:05', 'access', basic('c2'));
    expect(eventOf(cached, 'AccessMade').source).toBe('basic-cache');
    expect(seen(cached)).toContain('Finance');
    expect(seen(sim.at('09:16', 'access', basic('c3')))).toEqual(['Domain Users']);
  });

  it('survives a service restart, not an OS restart', () => {
    const sim = world();
    sim.at('09:01', 'access', basic('c1'));
    sim.at('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    sim.at('09:03', 'restartService', { machine: 'WEB1', service: 'http' });
    expect(seen(sim.at('09:04', 'access', basic('c2')))).toContain('Finance');
    sim.at('09:05', 'restart', { machine: 'WEB1' });
    expect(seen(sim.at('09:06', 'access', basic('c3')))).toEqual(['Domain Users']);
  });
});

describe('Kerberos delegation cache (SEMANTICS.md §9)', () => {
  const delegated = {
    session: 's1',
    server: 'WEB1',
    service: 'http',
    auth: 'kerberos',
    delegateTo: 'SQL1',
  } as const;

  it('given a delegated ticket cached on the front end, then the back end sees it until the front end OS restarts', () => {
    const sim = world();
    const first = sim.at('09:01', 'access', delegated);
    expect(types(first)).toContain('DelegationTicketCached');
    expect(eventOf(first, 'AccessMade').source).toBe('delegation-cache');
    sim.at('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    sim.at('09:03', 'purge', { session: 's1' });
    sim.at('09:04', 'restartService', { machine: 'WEB1', service: 'http' });
    expect(seen(sim.at('09:05', 'access', delegated))).toContain('Finance');
    sim.at('09:06', 'restart', { machine: 'WEB1' });
    expect(seen(sim.at('09:07', 'access', delegated))).toEqual(['Domain Users']);
  });
});
