import { fact, type Decided } from '../decider/decided';
import { machine, policyOf, principal, truthNow, upMachine } from '../decider/reads';
import { InvalidArgument, NameTaken } from '../errors';
import { newTgt } from '../kerberos/ticket';
import type { CommandArgs } from '../schema/verbs';
import { key, type World } from '../world/world-state';
import { connectionOpen, sessionAlive } from './liveness';
import { systemTokenAtBoot } from './system-token-at-boot';

export function decideProvisionMachine(
  world: World,
  args: CommandArgs['provisionMachine'],
): Decided[] {
  const computer = principal(world, args.name, 'name', 'computer');
  if (world.machines.has(key(computer.name))) throw new NameTaken('machine', computer.name);
  return [
    fact({
      type: 'MachineProvisioned',
      data: {
        machine: computer.name,
        machineSid: computer.sid,
        policy: args.policy ?? {},
        localAdmins: args.localAdmins ?? ['Domain Admins'],
      },
    }),
  ];
}

const sessionsOn = (world: World, name: string) =>
  [...world.sessions.values()]
    .filter((s) => s.machine === name && sessionAlive(world, s))
    .map((s) => s.label);

/** Boot (or restart): a new system token and computer TGT from the computer account's truth now. */
function boot(world: World, name: string, at: string, reason: 'start' | 'restart'): Decided[] {
  const m = machine(world, name);
  const truth = truthNow(world, m.sid);
  if (!truth.membership)
    throw new InvalidArgument('machine', `the computer account of "${m.name}" was deleted`);
  const policy = policyOf(world, m);
  return [
    fact(
      {
        type: 'MachineBooted',
        data: {
          machine: m.name,
          boot: m.boot + 1,
          reason,
          systemToken: systemTokenAtBoot(truth.membership),
          computerTgt: m.dcReachable
            ? newTgt(truth.membership, at, policy.maxTicketAge, policy.maxRenewAge)
            : null,
          endedSessions: sessionsOn(world, m.name),
        },
      },
      truth.cause,
    ),
  ];
}

export function decideBoot(world: World, args: CommandArgs['boot'], at: string): Decided[] {
  const m = machine(world, args.machine);
  if (m.up) throw new InvalidArgument('machine', `"${m.name}" is already up`);
  return boot(world, m.name, at, 'start');
}

/** An OS restart: everything in memory on the machine ends; its logon cache (on disk) survives. */
export function decideRestart(world: World, args: CommandArgs['restart'], at: string): Decided[] {
  return boot(world, upMachine(world, args.machine).name, at, 'restart');
}

export function decideShutdown(world: World, args: CommandArgs['shutdown']): Decided[] {
  const m = upMachine(world, args.machine);
  return [
    fact({
      type: 'MachineShutDown',
      data: { machine: m.name, endedSessions: sessionsOn(world, m.name) },
    }),
  ];
}

/**
 * klist -li 0x3e7 purge (SEMANTICS.md §6): the computer's tickets go, and it has no TGT until its
 * system next needs one, which in a scenario is its next boot.
 */
export function decidePurgeSystem(world: World, args: CommandArgs['purgeSystem']): Decided[] {
  const m = upMachine(world, args.machine);
  return [fact({ type: 'ComputerTicketsPurged', data: { machine: m.name } })];
}

export function decideDcReachable(world: World, args: CommandArgs['dcReachable']): Decided[] {
  const m = machine(world, args.machine);
  if (m.dcReachable === args.reachable) return [];
  return [
    fact({ type: 'DcReachabilityChanged', data: { machine: m.name, reachable: args.reachable } }),
  ];
}

export function decideSetPolicy(world: World, args: CommandArgs['setPolicy']): Decided[] {
  if (!args.machine)
    return [fact({ type: 'SimulationPolicyChanged', data: { policy: args.policy } })];
  const m = machine(world, args.machine);
  return [fact({ type: 'MachinePolicyChanged', data: { machine: m.name, policy: args.policy } })];
}

/** Restarting one service closes its open connections; server caches survive (SEMANTICS.md §9). */
export function decideRestartService(world: World, args: CommandArgs['restartService']): Decided[] {
  const m = upMachine(world, args.machine);
  const epoch = (m.serviceEpochs.get(args.service) ?? 0) + 1;
  const closedConnections: string[] = [];
  for (const s of world.sessions.values()) {
    for (const c of s.connections.values()) {
      if (key(c.server) === key(m.name) && c.service === args.service && connectionOpen(world, c)) {
        closedConnections.push(c.label);
      }
    }
  }
  return [
    fact({
      type: 'ServiceRestarted',
      data: { machine: m.name, service: args.service, epoch, closedConnections },
    }),
  ];
}
