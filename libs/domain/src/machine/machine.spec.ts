import { describe, expect, it } from 'vitest';
import { MachineDown } from '../errors';
import { InMemorySimulation, eventOf, seen, types } from '../testing/in-memory-simulation';
import { sessionAlive } from './liveness';

describe('system token, computer TGT and restarts (SEMANTICS.md §6, restart)', () => {
  const world = () =>
    new InMemorySimulation({
      users: ['alice'],
      groups: { Servers: [], Finance: ['alice'] },
      computers: ['WS1', 'WEB1', 'FS1'],
    });
  const groups = (sim: InMemorySimulation, m: string) =>
    sim
      .machine(m)
      .systemToken!.membership.groups.map((g) => g.name)
      .sort();

  it('given a computer added to a group, then its system token changes only at restart, and purgeSystem refreshes only its TGT', () => {
    const sim = world();
    sim.at('09:00', 'addMember', { group: 'Servers', member: 'WEB1' });
    expect(groups(sim, 'WEB1')).toEqual(['Domain Computers']);
    const purged = sim.at('09:01', 'purgeSystem', { machine: 'WEB1' });
    expect(types(purged)).toEqual(['ComputerTicketsPurged', 'ComputerTgtIssued']);
    expect(eventOf(purged, 'ComputerTgtIssued').ticket.pac.groups.map((g) => g.name)).toContain(
      'Servers',
    );
    expect(groups(sim, 'WEB1')).toEqual(['Domain Computers']);
    const boot = eventOf(sim.at('09:02', 'restart', { machine: 'WEB1' }), 'MachineBooted');
    expect(boot).toMatchObject({ reason: 'restart', boot: 2 });
    expect(groups(sim, 'WEB1')).toEqual(['Domain Computers', 'Servers']);
    expect(sim.machine('WEB1').systemToken!.sids).toEqual(
      expect.arrayContaining(['S-1-5-18', 'S-1-5-6']),
    );
  });

  it('when restarting a machine, then its sessions end and its logon cache survives', () => {
    const sim = world();
    sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    const s1 = sim.session('s1');
    expect(
      eventOf(sim.at('09:05', 'restart', { machine: 'WS1' }), 'MachineBooted').endedSessions,
    ).toEqual(['s1']);
    expect(sessionAlive(sim.world, s1)).toBe(false);
    expect(sim.world.endedSessions.has('s1')).toBe(true);
    expect(sim.machine('WS1').logonCache.size).toBe(1);
    expect(() => sim.at('09:06', 'logoff', { session: 's1' })).toThrow(/has ended/);
  });

  it('when restarting a server, then SMB sessions to it drop and the next access sees a new session', () => {
    const sim = world();
    sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    sim.at('09:01', 'access', { session: 's1', server: 'FS1', service: 'smb', auth: 'ntlm' });
    sim.at('09:02', 'removeMember', { group: 'Finance', member: 'alice' });
    sim.at('09:03', 'restart', { machine: 'FS1' });
    const after = sim.at('09:04', 'access', {
      session: 's1',
      server: 'FS1',
      service: 'smb',
      auth: 'ntlm',
    });
    expect(types(after)).toEqual(['SmbSessionOpened', 'AccessMade']);
    expect(seen(after)).toEqual(['Domain Users']);
  });

  it('given a machine that is down, then it cannot be restarted or accessed', () => {
    const sim = world();
    sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    sim.at('09:01', 'shutdown', { machine: 'FS1' });
    expect(() => sim.at('09:02', 'restart', { machine: 'FS1' })).toThrow(MachineDown);
    expect(() =>
      sim.at('09:02', 'access', { session: 's1', server: 'FS1', service: 'smb', auth: 'ntlm' }),
    ).toThrow(expect.objectContaining({ code: 'MachineDown', field: 'server' }));
    expect(types(sim.at('09:03', 'boot', { machine: 'FS1' }))).toEqual(['MachineBooted']);
  });
});
