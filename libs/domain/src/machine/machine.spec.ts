import { describe, expect, it } from 'vitest';
import { MachineDown } from '../errors';
import { corp, given, seen } from '../testing/given';
import { tokenSids } from '../token/token';
import { sessionAlive } from './liveness';

describe('system token, computer TGT and restarts (SEMANTICS.md §6, restart)', () => {
  const world = () =>
    given(
      corp({
        users: ['alice'],
        groups: { Servers: [], Finance: ['alice'] },
        computers: ['WS1', 'WEB1', 'FS1'],
      }),
    );
  const systemGroups = (sim: ReturnType<typeof world>, m: string) =>
    sim
      .machine(m)
      .systemToken!.membership.groups.map((g) => g.name)
      .sort();

  it('given a computer added to a group, then its system token changes only at restart; purgeSystem leaves no computer TGT until then', () => {
    const sim = world();
    sim.and('09:00', 'addMember', { group: 'Servers', member: 'WEB1' });
    expect(systemGroups(sim, 'WEB1')).toEqual(['Domain Computers']);
    sim
      .when('09:01', 'purgeSystem', { machine: 'WEB1' })
      .then([{ type: 'ComputerTicketsPurged', data: { machine: 'WEB1' } }]);
    expect(sim.machine('WEB1').computerTgt).toBeNull();
    expect(systemGroups(sim, 'WEB1')).toEqual(['Domain Computers']);
    sim
      .when('09:02', 'restart', { machine: 'WEB1' })
      .then([{ type: 'MachineBooted', data: { reason: 'restart', boot: 2 } }]);
    expect(systemGroups(sim, 'WEB1')).toEqual(['Domain Computers', 'Servers']);
    expect(sim.machine('WEB1').computerTgt?.pac.groups.map((g) => g.name)).toContain('Servers');
    expect(tokenSids(sim.machine('WEB1').systemToken!)).toEqual(
      expect.arrayContaining(['S-1-5-18', 'S-1-5-6']),
    );
  });

  it('when restarting a machine, then its sessions end and its logon cache survives', () => {
    const sim = world();
    sim.and('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    const s1 = sim.session('s1');
    sim
      .when('09:05', 'restart', { machine: 'WS1' })
      .then([{ type: 'MachineBooted', data: { endedSessions: ['s1'] } }]);
    expect(sessionAlive(sim.world, s1)).toBe(false);
    expect(sim.world.endedSessions.has('s1')).toBe(true);
    expect(sim.machine('WS1').logonCache.size).toBe(1);
    sim.when('09:06', 'logoff', { session: 's1' }).thenThrows(/has ended/);
  });

  it('when restarting a server, then SMB sessions to it drop and the next access sees a new session', () => {
    const sim = world();
    const smb = { session: 's1', server: 'FS1', service: 'smb', auth: 'ntlm' } as const;
    sim.and('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    sim.and('09:01', 'access', smb);
    sim.and('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    sim.and('09:03', 'restart', { machine: 'FS1' });
    expect(seen(sim.when('09:04', 'access', smb).then(['SmbSessionOpened', 'AccessMade']))).toEqual(
      ['Domain Users'],
    );
  });

  it('given a machine that is down, then it cannot be restarted or accessed; it can be booted', () => {
    const sim = world();
    sim.and('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    sim.and('09:01', 'shutdown', { machine: 'FS1' });
    sim.when('09:02', 'restart', { machine: 'FS1' }).thenThrows(MachineDown);
    sim
      .when('09:02', 'access', { session: 's1', server: 'FS1', service: 'smb', auth: 'ntlm' })
      .thenThrows(expect.objectContaining({ code: 'MachineDown', field: 'server' }));
    sim.when('09:03', 'boot', { machine: 'FS1' }).then(['MachineBooted']);
    sim.when('09:04', 'boot', { machine: 'FS1' }).thenThrows(/already up/);
  });
});
