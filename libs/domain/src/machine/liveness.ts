import type {
  ConnectionState,
  MachineState,
  ProcessState,
  SessionState,
  World,
} from '../world/world-state';
import { key } from '../world/world-state';

/** A machine's current boot, or null when it is down or unknown. */
export function currentBoot(world: World, machine: string): MachineState | null {
  const m = world.machines.get(key(machine));
  return m && m.up ? m : null;
}

/**
 * A logon session lives until logoff or until its machine restarts or shuts down (SEMANTICS.md §10,
 * restart).
 */
export function sessionAlive(world: World, s: SessionState): boolean {
  if (s.denied || s.loggedOff) return false;
  return currentBoot(world, s.machine)?.boot === s.machineBoot;
}

/**
 * A process lives until it exits, its session logs off (COM servers excepted, §10) or its machine
 * restarts.
 */
export function processAlive(world: World, p: ProcessState): boolean {
  const s = world.sessions.get(p.session);
  if (!s || !p.alive || currentBoot(world, s.machine)?.boot !== s.machineBoot) return false;
  return p.com || !s.loggedOff;
}

/**
 * A TCP connection holds its server-side token until it is closed, its owner ends, the server
 * OS restarts, or the service on the server restarts (SEMANTICS.md §8, restart, restartService).
 */
export function connectionOpen(world: World, c: ConnectionState): boolean {
  if (!c.open) return false;
  const server = currentBoot(world, c.server);
  if (
    !server ||
    server.boot !== c.serverBoot ||
    (server.serviceEpochs.get(c.service) ?? 0) !== c.serviceEpoch
  )
    return false;
  const s = world.sessions.get(c.session);
  if (!s) return false;
  if (c.process) {
    const p = s.processes.get(c.process);
    return !!p && processAlive(world, p);
  }
  return sessionAlive(world, s);
}

/**
 * SEMANTICS.md §10: an out-of-process COM server may outlive its session's logoff, and with it what
 * it holds.
 */
export function comServerOutlives(world: World, s: SessionState): boolean {
  for (const p of s.processes.values()) if (p.com && processAlive(world, p)) return true;
  return false;
}
