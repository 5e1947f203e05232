import { describe, expect, it } from 'vitest';
import { corp, given, seen } from '../testing/given';

function world() {
  const sim = given(
    corp({
      users: ['alice'],
      groups: { Finance: ['alice'] },
      computers: ['WS1', { name: 'WEB1', policy: { basicTokenTtl: 15 * 60_000 } }, 'SQL1'],
    }),
  );
  sim.and('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
  return sim;
}
const basic = (connection: string) =>
  ({ session: 's1', server: 'WEB1', service: 'http', auth: 'basic', connection }) as const;

describe('Basic-authentication token cache (SEMANTICS.md §9)', () => {
  it('given a cached token, then new connections reuse it until basicTokenTtl, whatever the directory says', () => {
    const sim = world();
    const first = sim.when('09:01', 'access', basic('c1')).then([
      {
        type: 'BasicTokenCached',
        data: { server: 'WEB1', expiresAt: '2026-03-02T09:16:00.000Z' },
      },
      { type: 'ConnectionOpened', data: { source: 'directory' } },
      'AccessMade',
    ]);
    expect(first[1].cause).toBe(first[0]);
    sim.and('09:02', 'closeConnection', { connection: 'c1' });
    sim.and('09:03', 'removeMember', { group: 'Finance', member: 'alice' });
    const cached = sim
      .when('09:05', 'access', basic('c2'))
      .then(['ConnectionOpened', { type: 'AccessMade', data: { source: 'basic-cache' } }]);
    expect(seen(cached)).toContain('Finance');
    expect(seen(sim.when('09:16', 'access', basic('c3')).decided())).toEqual(['Domain Users']);
  });

  it('survives a service restart, not an OS restart', () => {
    const sim = world();
    sim.and('09:01', 'access', basic('c1'));
    sim.and('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    sim.and('09:03', 'restartService', { machine: 'WEB1', service: 'http' });
    expect(seen(sim.when('09:04', 'access', basic('c2')).decided())).toContain('Finance');
    sim.and('09:05', 'restart', { machine: 'WEB1' });
    expect(seen(sim.when('09:06', 'access', basic('c3')).decided())).toEqual(['Domain Users']);
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
    sim
      .when('09:01', 'access', delegated)
      .then([
        'ServiceTicketIssued',
        { type: 'DelegationTicketCached', data: { server: 'WEB1', backend: 'SQL1' } },
        { type: 'AccessMade', data: { source: 'delegation-cache' } },
      ]);
    sim.and('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    sim.and('09:03', 'purge', { session: 's1' });
    sim.and('09:04', 'restartService', { machine: 'WEB1', service: 'http' });
    expect(seen(sim.when('09:05', 'access', delegated).decided())).toContain('Finance');
    sim.and('09:06', 'restart', { machine: 'WEB1' });
    expect(seen(sim.when('09:07', 'access', delegated).decided())).toEqual(['Domain Users']);
  });

  it('given a back end that does not exist, then the access is refused naming delegateTo', () => {
    world()
      .when('09:01', 'access', { ...delegated, delegateTo: 'NOPE' })
      .thenThrows(expect.objectContaining({ field: 'delegateTo' }));
  });
});
