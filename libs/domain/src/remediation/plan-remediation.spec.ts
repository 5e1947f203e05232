import { describe, expect, it } from 'vitest';
import { corp, given, t } from '../testing/given';
import { planRemediation, proveRemediation } from './plan-remediation';

describe('remediation planning and its proof on a fork (SEMANTICS.md §11)', () => {
  const world = () => {
    const sim = given(
      corp({ users: ['alice'], groups: { Finance: ['alice'] }, computers: ['WS1', 'FS1', 'WEB1'] }),
    );
    sim.and('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    return sim;
  };
  const smb = { principal: 'alice', server: 'FS1', service: 'smb', auth: 'kerberos' } as const;

  it('given an open SMB session and stale tickets, then purge the half, then wait for the idle expiry; the proof sees truth', () => {
    const sim = world();
    sim.and('09:05', 'access', { session: 's1', server: 'FS1', service: 'smb', auth: 'kerberos' });
    sim.and('09:10', 'removeMember', { group: 'Finance', member: 'alice' });
    const plan = planRemediation(sim.world, t('09:12'), smb);
    expect(plan.actions.map((a) => a.action)).toEqual(['purge', 'wait']);
    expect(plan.actions[1]).toMatchObject({ until: '2026-03-02T09:15:00.000Z' });
    const before = sim.world.position;
    const proof = proveRemediation(sim.world, t('09:12'), plan);
    expect(proof.membership?.groups.map((g) => g.name)).toEqual(['Domain Users']);
    expect(proof.source).toBe('smb-session');
    // The fork lived in memory: the simulation's world is untouched.
    expect(sim.world.position).toBe(before);
    expect(sim.session('s1').halves.get('limited')!.tgt).not.toBeNull();
  });

  it('given the purge alone, then the proof would still see the old session: the plan is minimal, not short', () => {
    const sim = world();
    sim.and('09:05', 'access', { session: 's1', server: 'FS1', service: 'smb', auth: 'kerberos' });
    sim.and('09:10', 'removeMember', { group: 'Finance', member: 'alice' });
    const plan = planRemediation(sim.world, t('09:12'), smb);
    const purgeOnly = { ...plan, actions: plan.actions.slice(0, 1) };
    expect(
      proveRemediation(sim.world, t('09:12'), purgeOnly).membership?.groups.map((g) => g.name),
    ).toContain('Finance');
  });

  it('given nothing stale on the path, then no action', () => {
    expect(
      planRemediation(world().world, t('09:12'), {
        principal: 'alice',
        server: 'WEB1',
        service: 'http',
        auth: 'ntlm',
      }).actions,
    ).toEqual([]);
  });

  it('given a local token from a stale cache, then log off and on twice, and the new token is truth', () => {
    const sim = world();
    sim.and('09:11', 'removeMember', { group: 'Finance', member: 'alice' });
    const plan = planRemediation(sim.world, t('09:12'), { principal: 'alice', session: 's1' });
    expect(plan.actions.map((a) => a.action)).toEqual(['logoff', 'logon', 'logoff', 'logon']);
    expect(plan.check.session).toBe('s1~2');
    expect(
      proveRemediation(sim.world, t('09:12'), plan).membership?.groups.map((g) => g.name),
    ).toEqual(['Domain Users']);
  });

  it('given no live session, then it says so on the principal; a session of someone else is refused', () => {
    const sim = world();
    sim.and('09:01', 'logoff', { session: 's1' });
    expect(() => planRemediation(sim.world, t('09:02'), smb)).toThrow(
      expect.objectContaining({ field: 'principal' }),
    );
    const other = given(corp({ users: ['alice', 'bob'], computers: ['WS1'] }));
    other.and('09:00', 'logon', { user: 'bob', machine: 'WS1', session: 'b1' });
    expect(() =>
      planRemediation(other.world, t('09:01'), { principal: 'alice', session: 'b1' }),
    ).toThrow(expect.objectContaining({ field: 'session' }));
  });
});
