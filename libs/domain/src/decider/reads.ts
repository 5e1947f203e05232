import { findPrincipal, type Principal, type PrincipalKind } from '../directory/directory-state';
import { directoryTruth } from '../directory/directory-truth';
import type { Membership } from '../directory/membership';
import {
  MachineDown,
  SessionEnded,
  UnknownMachine,
  UnknownPrincipal,
  UnknownSession,
} from '../errors';
import { sessionAlive } from '../machine/liveness';
import { effectivePolicy, type Policy } from '../policy';
import { key, type MachineState, type SessionState, type World } from '../world/world-state';

/** What every decision reads of the world, refusing with the field at fault. */

export function principal(
  world: World,
  name: string,
  field: string,
  kind?: PrincipalKind,
): Principal {
  const p = findPrincipal(world.directory, name);
  if (!p || (kind && p.kind !== kind)) throw new UnknownPrincipal(name, field);
  return p;
}

export function machine(world: World, name: string, field = 'machine'): MachineState {
  const m = world.machines.get(key(name));
  if (!m) throw new UnknownMachine(name, field);
  return m;
}

export function upMachine(world: World, name: string, field = 'machine'): MachineState {
  const m = machine(world, name, field);
  if (!m.up) throw new MachineDown(m.name, field);
  return m;
}

export function liveSession(world: World, label: string, field = 'session'): SessionState {
  const s = world.sessions.get(label);
  if (!s && world.endedSessions.has(label)) throw new SessionEnded(label, 'has ended', field);
  if (!s) throw new UnknownSession(label, field);
  if (s.denied) throw new SessionEnded(label, `was denied (${s.denied.reason})`, field);
  if (!sessionAlive(world, s)) throw new SessionEnded(label, 'has ended', field);
  return s;
}

export function policyOf(world: World, m: MachineState | undefined): Policy {
  return effectivePolicy(world.directory.policy, m?.policy);
}

/**
 * Directory truth of a principal now, and the directory event it reflects (the cause of a copy).
 */
export function truthNow(
  world: World,
  sid: string,
): { membership: Membership | null; cause: string | null } {
  return {
    membership: directoryTruth(world.directory, sid),
    cause: world.directory.truthChange.get(sid)?.eventId ?? null,
  };
}
