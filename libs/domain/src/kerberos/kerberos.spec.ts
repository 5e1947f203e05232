import { describe, expect, it } from 'vitest';
import { InMemorySimulation, eventOf, seen, types } from '../testing/in-memory-simulation';
import { tgtAtRequest } from './ticket';

const http = { session: 's1', server: 'WEB1', service: 'http', auth: 'kerberos' } as const;

describe('Kerberos tickets (SEMANTICS.md §5)', () => {
  const world = (policy = {}) => {
    const sim = new InMemorySimulation({
      users: ['alice'],
      groups: { Finance: ['alice'] },
      computers: ['WS1', 'WEB1'],
      policy,
    });
    sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    return sim;
  };

  it('given a TGT, when a service is first used, then a service ticket copies the TGT PAC and is reused', () => {
    const sim = world();
    const first = sim.at('09:01', 'access', http);
    expect(types(first)).toEqual(['ServiceTicketIssued', 'AccessMade']);
    const tgtEvent = sim.session('s1').halves.get('limited')!.tgt!.eventId;
    expect(first[0].causationId).toBe(tgtEvent);
    sim.at('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    const again = sim.at('09:03', 'access', http);
    expect(types(again)).toEqual(['AccessMade']);
    expect(seen(again)).toContain('Finance');
  });

  it('when purging, then the next access gets a new TGT with a fresh PAC', () => {
    const sim = world();
    sim.at('09:01', 'access', http);
    sim.at('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    sim.at('09:03', 'purge', { session: 's1' });
    const after = sim.at('09:04', 'access', http);
    expect(types(after)).toEqual(['TgtIssued', 'ServiceTicketIssued', 'AccessMade']);
    expect(seen(after)).toEqual(['Domain Users']);
  });

  it('given maxTicketAge passed, then the expired TGT is renewed and keeps its PAC (renewRefreshesPac false)', () => {
    const sim = world({ maxTicketAge: 3_600_000 });
    sim.at('09:01', 'access', http);
    sim.at('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    const later = sim.at('10:30', 'access', http);
    expect(types(later)).toEqual(['TgtRenewed', 'ServiceTicketIssued', 'AccessMade']);
    expect(seen(later)).toContain('Finance');
  });

  it('given renewRefreshesPac, then renewal copies truth', () => {
    const sim = world({ maxTicketAge: 3_600_000, renewRefreshesPac: true });
    sim.at('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    expect(seen(sim.at('10:30', 'access', http))).toEqual(['Domain Users']);
  });

  it('given the renewal life over, then a new TGT is requested with truth', () => {
    const sim = world({ maxTicketAge: 3_600_000, maxRenewAge: 2 * 3_600_000 });
    sim.at('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    const late = sim.at('11:30', 'access', http);
    expect(types(late)[0]).toBe('TgtIssued');
    expect(seen(late)).toEqual(['Domain Users']);
  });

  it('given no valid ticket and no DC, then a Kerberos access is denied', () => {
    const sim = world();
    sim.at('09:01', 'purge', { session: 's1' });
    sim.at('09:02', 'dcReachable', { machine: 'WS1', reachable: false });
    const d = sim.at('09:03', 'access', http);
    expect(eventOf(d, 'AccessMade')).toMatchObject({
      denied: true,
      reason: expect.stringContaining('domain controller'),
    });
  });

  it('tgtAtRequest: use, renew or request', () => {
    const tgt = {
      id: 't',
      spn: 'krbtgt',
      pac: { principal: { name: 'a', sid: 'a', sidHistory: [] }, groups: [] },
      issuedAt: '2026-03-02T09:00:00Z',
      expiresAt: '2026-03-02T19:00:00Z',
      renewUntil: '2026-03-09T09:00:00Z',
      eventId: 'e',
    };
    expect(tgtAtRequest(tgt, '2026-03-02T18:59:59Z')).toEqual({ use: tgt });
    expect(tgtAtRequest(tgt, '2026-03-02T19:00:00Z')).toEqual({ renew: tgt });
    expect(tgtAtRequest(tgt, '2026-03-09T09:00:00Z')).toEqual({ request: true });
    expect(tgtAtRequest(null, '2026-03-02T10:00:00Z')).toEqual({ request: true });
  });
});
