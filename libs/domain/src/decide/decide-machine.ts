import type { CommandArgs } from '../commands';
import { InvalidArgument, NameTaken } from '../errors';
import { sessionAlive, connectionOpen } from '../machine/liveness';
import { computerTgt, systemTokenAtBoot } from '../machine/system-token-at-boot';
import { key } from '../world/world-state';
import type { Decision } from './decision';

export function decideProvisionMachine(d: Decision, args: CommandArgs['provisionMachine']): void {
  const computer = d.principal(args.name, 'name', 'computer');
  if (d.world.machines.has(key(computer.name))) throw new NameTaken('machine', computer.name);
  d.emit({
    type: 'MachineProvisioned',
    data: {
      machine: computer.name,
      machineSid: computer.sid,
      policy: args.policy ?? {},
      localAdmins: args.localAdmins ?? ['Domain Admins'],
    },
  });
}

/** Boot (or restart): a new system token and computer TGT from the computer account's truth now. */
function emitBoot(d: Decision, machineName: string, reason: 'start' | 'restart'): void {
  const m = d.machine(machineName);
  const { membership, eventId: truthEventId } = d.truth(m.sid);
  if (!membership)
    throw new InvalidArgument('machine', `the computer account of "${m.name}" was deleted`);
  const policy = d.policyOf(m);
  const endedSessions = [...d.world.sessions.values()]
    .filter((s) => s.machine === m.name && sessionAlive(d.world, s))
    .map((s) => s.label);
  const bootEventId = d.newId();
  const tgt = m.dcReachable
    ? computerTgt(membership, d.at, policy.maxTicketAge, policy.maxRenewAge, d.newId(), bootEventId)
    : null;
  d.events.push({
    eventId: bootEventId,
    causationId: truthEventId,
    event: {
      type: 'MachineBooted',
      data: {
        machine: m.name,
        boot: m.boot + 1,
        reason,
        systemToken: systemTokenAtBoot(membership),
        computerTgt: tgt,
        endedSessions,
      },
    },
  });
}

export function decideBoot(d: Decision, args: CommandArgs['boot']): void {
  const m = d.machine(args.machine);
  if (m.up) throw new InvalidArgument('machine', `"${m.name}" is already up`);
  emitBoot(d, m.name, 'start');
}

/** An OS restart: everything in memory on the machine ends; its logon cache (on disk) survives. */
export function decideRestart(d: Decision, args: CommandArgs['restart']): void {
  emitBoot(d, d.upMachine(args.machine).name, 'restart');
}

export function decideShutdown(d: Decision, args: CommandArgs['shutdown']): void {
  const m = d.upMachine(args.machine);
  const endedSessions = [...d.world.sessions.values()]
    .filter((s) => s.machine === m.name && sessionAlive(d.world, s))
    .map((s) => s.label);
  d.emit({ type: 'MachineShutDown', data: { machine: m.name, endedSessions } });
}

/** klist -li 0x3e7 purge: the computer's tickets go, and it gets a new TGT (fresh PAC) at its next use, which is at once. */
export function decidePurgeSystem(d: Decision, args: CommandArgs['purgeSystem']): void {
  const m = d.upMachine(args.machine);
  d.emit({ type: 'ComputerTicketsPurged', data: { machine: m.name } });
  if (!m.dcReachable) return;
  const { membership, eventId: truthEventId } = d.truth(m.sid);
  if (!membership) return;
  const policy = d.policyOf(m);
  const eventId = d.newId();
  d.events.push({
    eventId,
    causationId: truthEventId,
    event: {
      type: 'ComputerTgtIssued',
      data: {
        machine: m.name,
        ticket: computerTgt(
          membership,
          d.at,
          policy.maxTicketAge,
          policy.maxRenewAge,
          d.newId(),
          eventId,
        ),
      },
    },
  });
}

export function decideDcReachable(d: Decision, args: CommandArgs['dcReachable']): void {
  const m = d.machine(args.machine);
  if (m.dcReachable === args.reachable) return;
  d.emit({ type: 'DcReachabilityChanged', data: { machine: m.name, reachable: args.reachable } });
}

export function decideSetPolicy(d: Decision, args: CommandArgs['setPolicy']): void {
  if (args.machine) {
    const m = d.machine(args.machine);
    d.emit({ type: 'MachinePolicyChanged', data: { machine: m.name, policy: args.policy } });
  } else {
    d.emit({ type: 'SimulationPolicyChanged', data: { policy: args.policy } });
  }
}

/** Restarting one service closes its open connections; server caches survive (SEMANTICS.md §9). */
export function decideRestartService(d: Decision, args: CommandArgs['restartService']): void {
  const m = d.upMachine(args.machine);
  const epoch = (m.serviceEpochs.get(args.service) ?? 0) + 1;
  const closedConnections: string[] = [];
  for (const s of d.world.sessions.values()) {
    for (const c of s.connections.values())
      if (key(c.server) === key(m.name) && c.service === args.service && connectionOpen(d.world, c))
        closedConnections.push(c.label);
  }
  d.emit({
    type: 'ServiceRestarted',
    data: { machine: m.name, service: args.service, epoch, closedConnections },
  });
}
