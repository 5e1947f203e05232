import { describe, expect, it } from 'vitest';
import { corp, dataOf, given, seen, type Setup } from '../testing/given';

const http = { session: 's1', server: 'FS1', service: 'http', auth: 'kerberos' } as const;

describe('UAC: two tokens, two ticket caches (SEMANTICS.md §4)', () => {
  const world = (extra: Setup = {}) =>
    given(
      corp({
        users: ['admin', 'alice'],
        groups: { 'Domain Admins': ['admin'], Finance: ['admin'] },
        computers: ['WS1', 'FS1'],
        ...extra,
      }),
    );

  it('given a Domain Admin, when logging on, then two halves with tokens from the same source share the first TGT', () => {
    const sim = world();
    sim
      .when('09:00', 'logon', { user: 'admin', machine: 'WS1', session: 's1' })
      .then([
        { type: 'LoggedOn', data: { halves: ['limited', 'elevated'] } },
        { type: 'TgtIssued', data: { halves: ['limited', 'elevated'] } },
        'LogonCacheRefreshed',
      ]);
    const halves = sim.session('s1').halves;
    expect(halves.get('elevated')?.tgt?.eventId).toBe(halves.get('limited')?.tgt?.eventId);
  });

  it('given a non-admin, or UAC off, then one half', () => {
    const sim = world({ policy: { uac: false } });
    sim
      .when('09:00', 'logon', { user: 'admin', machine: 'WS1', session: 's1' })
      .then([
        { type: 'LoggedOn', data: { halves: ['limited'] } },
        'TgtIssued',
        'LogonCacheRefreshed',
      ]);
    expect(
      dataOf(
        world().when('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's2' }).decided(),
        'LoggedOn',
      ).halves,
    ).toEqual(['limited']);
  });

  it('given localAdmins lists another group, then its members are split instead', () => {
    const sim = given(
      corp({
        users: ['alice'],
        groups: { Helpdesk: ['alice'] },
        computers: [{ name: 'ADM1', localAdmins: ['Helpdesk'] }],
      }),
    );
    expect(
      dataOf(
        sim.when('09:00', 'logon', { user: 'alice', machine: 'ADM1', session: 's1' }).decided(),
        'LoggedOn',
      ).halves,
    ).toEqual(['limited', 'elevated']);
  });

  it('given a stale cache entry that still lists Domain Admins, then the logon is still elevated', () => {
    const sim = world();
    sim.and('09:00', 'logon', { user: 'admin', machine: 'WS1', session: 's1' });
    sim.and('09:01', 'logoff', { session: 's1' });
    sim.and('09:02', 'removeMember', { group: 'Domain Admins', member: 'admin' });
    expect(
      dataOf(
        sim.when('09:03', 'logon', { user: 'admin', machine: 'WS1', session: 's2' }).decided(),
        'LoggedOn',
      ).halves,
    ).toEqual(['limited', 'elevated']);
  });

  it('when purging the elevated half only, then the limited half keeps its tickets and old PAC', () => {
    const sim = world();
    sim.and('09:00', 'logon', { user: 'admin', machine: 'WS1', session: 's1' });
    sim.and('09:05', 'removeMember', { group: 'Finance', member: 'admin' });
    sim
      .when('09:06', 'purge', { session: 's1', elevated: true })
      .then([{ type: 'TicketsPurged', data: { half: 'elevated' } }]);
    expect(seen(sim.when('09:07', 'access', { ...http, elevated: true }).decided())).not.toContain(
      'Finance',
    );
    expect(seen(sim.when('09:08', 'access', http).decided())).toContain('Finance');
  });
});
