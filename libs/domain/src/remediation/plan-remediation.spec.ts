import { describe, expect, it } from 'vitest';
import { InMemorySimulation, t } from '../testing/in-memory-simulation';
import { planRemediation } from './plan-remediation';

describe('remediation planning (SEMANTICS.md §11)', () => {
  const world = () => {
    const sim = new InMemorySimulation({
      users: ['alice'],
      groups: { Finance: ['alice'] },
      computers: ['WS1', 'FS1', 'WEB1'],
    });
    sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    return sim;
  };

  it('given an open SMB session and stale tickets, then purge the half, then wait for the idle expiry', () => {
    const sim = world();
    sim.at('09:05', 'access', { session: 's1', server: 'FS1', service: 'smb', auth: 'kerberos' });
    sim.at('09:10', 'removeMember', { group: 'Finance', member: 'alice' });
    const plan = planRemediation(sim.world, t('09:12'), {
      principal: 'alice',
      server: 'FS1',
      service: 'smb',
      auth: 'kerberos',
    });
    expect(plan.actions.map((a) => a.action)).toEqual(['purge', 'wait']);
    expect(plan.actions[1]).toMatchObject({ until: '2026-03-02T09:15:00.000Z' });
  });

  it('given nothing stale on the path, then no action', () => {
    const sim = world();
    expect(
      planRemediation(sim.world, t('09:12'), {
        principal: 'alice',
        server: 'WEB1',
        service: 'http',
        auth: 'ntlm',
      }).actions,
    ).toEqual([]);
  });

  it('given a local token from a stale cache, then log off and on twice', () => {
    const sim = world();
    sim.at('09:10', 'addMember', { group: 'Finance', member: 'alice' });
    sim.at('09:11', 'removeMember', { group: 'Finance', member: 'alice' });
    const plan = planRemediation(sim.world, t('09:12'), { principal: 'alice', session: 's1' });
    expect(plan.actions.map((a) => a.action)).toEqual(['logoff', 'logon', 'logoff', 'logon']);
    expect(plan.check.session).toBe('s1~2');
  });

  it('given no live session, then it says so on the principal', () => {
    const sim = world();
    sim.at('09:01', 'logoff', { session: 's1' });
    expect(() =>
      planRemediation(sim.world, t('09:02'), {
        principal: 'alice',
        server: 'FS1',
        service: 'smb',
        auth: 'kerberos',
      }),
    ).toThrow(expect.objectContaining({ field: 'principal' }));
  });
});
