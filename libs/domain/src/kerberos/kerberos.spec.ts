import { describe, expect, it } from 'vitest';
import type { PolicyOverrides } from '../policy';
import { corp, given, seen } from '../testing/given';
import { tgtAtRequest } from './ticket';

const http = { session: 's1', server: 'WEB1', service: 'http', auth: 'kerberos' } as const;
const hour = 3_600_000;

describe('Kerberos tickets (SEMANTICS.md §5)', () => {
  const world = (policy: PolicyOverrides = {}) => {
    const sim = given(
      corp({
        users: ['alice'],
        groups: { Finance: ['alice'] },
        computers: ['WS1', 'WEB1'],
        policy,
      }),
    );
    sim.and('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    return sim;
  };

  it('given a TGT, when a service is first used, then a service ticket copies the TGT PAC and is reused', () => {
    const sim = world();
    const first = sim.when('09:01', 'access', http).then([
      { type: 'ServiceTicketIssued', data: { ticket: { spn: 'http/WEB1' } } },
      { type: 'AccessMade', data: { source: 'service-ticket' } },
    ]);
    expect(first[0].cause).toBe(sim.session('s1').halves.get('limited')!.tgt!.eventId);
    expect(first[1].cause).toBe(first[0]);
    sim.and('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    expect(seen(sim.when('09:03', 'access', http).then(['AccessMade']))).toContain('Finance');
  });

  it('when purging, then the next access gets a new TGT with a fresh PAC', () => {
    const sim = world();
    sim.and('09:01', 'access', http);
    sim.and('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    sim.and('09:03', 'purge', { session: 's1' });
    const after = sim
      .when('09:04', 'access', http)
      .then(['TgtIssued', 'ServiceTicketIssued', 'AccessMade']);
    expect(after[1].cause).toBe(after[0]);
    expect(seen(after)).toEqual(['Domain Users']);
  });

  it('given maxTicketAge passed, then the expired TGT is renewed and keeps its PAC (renewRefreshesPac false)', () => {
    const sim = world({ maxTicketAge: hour });
    sim.and('09:01', 'access', http);
    sim.and('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    const later = sim.when('10:30', 'access', http).then([
      {
        type: 'TgtRenewed',
        data: {
          ticket: { issuedAt: '2026-03-02T09:00:00.000Z', expiresAt: '2026-03-02T11:30:00.000Z' },
        },
      },
      'ServiceTicketIssued',
      'AccessMade',
    ]);
    expect(seen(later)).toContain('Finance');
  });

  it('given renewRefreshesPac, then renewal copies truth', () => {
    const sim = world({ maxTicketAge: hour, renewRefreshesPac: true });
    sim.and('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    expect(seen(sim.when('10:30', 'access', http).decided())).toEqual(['Domain Users']);
  });

  it('given the renewal life over, then a new TGT is requested with truth', () => {
    const sim = world({ maxTicketAge: hour, maxRenewAge: 2 * hour });
    sim.and('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    expect(
      seen(
        sim.when('11:30', 'access', http).then(['TgtIssued', 'ServiceTicketIssued', 'AccessMade']),
      ),
    ).toEqual(['Domain Users']);
  });

  it('given no valid ticket and no DC, then a Kerberos access is denied', () => {
    const sim = world();
    sim.and('09:01', 'purge', { session: 's1' });
    sim.and('09:02', 'dcReachable', { machine: 'WS1', reachable: false });
    sim.when('09:03', 'access', http).then([
      {
        type: 'AccessMade',
        data: { denied: true, reason: expect.stringContaining('domain controller') },
      },
    ]);
  });

  it('tgtAtRequest: use, renew or request', () => {
    const tgt = {
      spn: 'krbtgt',
      pac: { principal: { name: 'a', sid: 'a', sidHistory: [] }, groups: [] },
      issuedAt: '2026-03-02T09:00:00Z',
      expiresAt: '2026-03-02T19:00:00Z',
      renewUntil: '2026-03-09T09:00:00Z',
    };
    expect(tgtAtRequest(tgt, '2026-03-02T18:59:59Z')).toEqual({ use: tgt });
    expect(tgtAtRequest(tgt, '2026-03-02T19:00:00Z')).toEqual({ renew: tgt });
    expect(tgtAtRequest(tgt, '2026-03-09T09:00:00Z')).toEqual({ request: true });
    expect(tgtAtRequest(null, '2026-03-02T10:00:00Z')).toEqual({ request: true });
  });
});
