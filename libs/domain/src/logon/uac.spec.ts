import { describe, expect, it } from 'vitest';
import { InMemorySimulation, eventOf, seen } from '../testing/in-memory-simulation';

describe('UAC: two tokens, two ticket caches (SEMANTICS.md §4)', () => {
  const world = (extra: ConstructorParameters<typeof InMemorySimulation>[0] = {}) =>
    new InMemorySimulation({
      users: ['admin', 'alice'],
      groups: { 'Domain Admins': ['admin'], Finance: ['admin'] },
      computers: ['WS1', 'FS1'],
      ...extra,
    });

  it('given a Domain Admin, when logging on, then two halves with tokens from the same source share the first TGT', () => {
    const sim = world();
    const d = sim.at('09:00', 'logon', { user: 'admin', machine: 'WS1', session: 's1' });
    expect(eventOf(d, 'LoggedOn').halves).toEqual(['limited', 'elevated']);
    expect(eventOf(d, 'TgtIssued').halves).toEqual(['limited', 'elevated']);
    expect(sim.session('s1').halves.get('elevated')?.tgt?.id).toBe(
      sim.session('s1').halves.get('limited')?.tgt?.id,
    );
  });

  it('given a non-admin, or UAC off, then one half', () => {
    const sim = world({ policy: { uac: false } });
    expect(
      eventOf(
        sim.at('09:00', 'logon', { user: 'admin', machine: 'WS1', session: 's1' }),
        'LoggedOn',
      ).halves,
    ).toEqual(['limited']);
    expect(
      eventOf(
        sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's2' }),
        'LoggedOn',
      ).halves,
    ).toEqual(['limited']);
  });

  it('given localAdmins lists another group, then its members are split instead', () => {
    const sim = new InMemorySimulation({
      users: ['alice'],
      groups: { Helpdesk: ['alice'] },
      computers: [{ name: 'ADM1', localAdmins: ['Helpdesk'] }],
    });
    expect(
      eventOf(
        sim.at('09:00', 'logon', { user: 'alice', machine: 'ADM1', session: 's1' }),
        'LoggedOn',
      ).halves,
    ).toEqual(['limited', 'elevated']);
  });

  it('given a stale cache entry that still lists Domain Admins, then the logon is still elevated', () => {
    const sim = world();
    sim.at('09:00', 'logon', { user: 'admin', machine: 'WS1', session: 's1' });
    sim.at('09:01', 'logoff', { session: 's1' });
    sim.at('09:02', 'removeMember', { group: 'Domain Admins', member: 'admin' });
    expect(
      eventOf(
        sim.at('09:03', 'logon', { user: 'admin', machine: 'WS1', session: 's2' }),
        'LoggedOn',
      ).halves,
    ).toEqual(['limited', 'elevated']);
  });

  it('when purging the elevated half only, then the limited half keeps its tickets and old PAC', () => {
    const sim = world();
    sim.at('09:00', 'logon', { user: 'admin', machine: 'WS1', session: 's1' });
    sim.at('09:05', 'removeMember', { group: 'Finance', member: 'admin' });
    expect(
      eventOf(sim.at('09:06', 'purge', { session: 's1', elevated: true }), 'TicketsPurged').half,
    ).toBe('elevated');
    expect(
      seen(
        sim.at('09:07', 'access', {
          session: 's1',
          elevated: true,
          server: 'FS1',
          service: 'http',
          auth: 'kerberos',
        }),
      ),
    ).not.toContain('Finance');
    expect(
      seen(
        sim.at('09:08', 'access', {
          session: 's1',
          server: 'FS1',
          service: 'http',
          auth: 'kerberos',
        }),
      ),
    ).toContain('Finance');
  });
});
