import { randomUUID } from 'node:crypto';
import type { Principal, PrincipalKind } from '../directory/directory-state';
import { findPrincipal } from '../directory/directory-state';
import { directoryTruth } from '../directory/directory-truth';
import type { Membership } from '../directory/membership';
import { MachineDown, SessionEnded, UnknownMachine, UnknownPrincipal, UnknownSession } from '../errors';
import type { Decided, SimEvent } from '../events';
import { sessionAlive } from '../machine/liveness';
import { effectivePolicy, type Policy } from '../policy';
import { key, type MachineState, type SessionState, type World } from '../world/world-state';

/**
 * What a decision reads (the world before it) and writes (events, in order). Decisions never
 * change the world: the caller folds the events once they are stored.
 */
export class Decision {
  readonly events: Decided[] = [];

  constructor(
    readonly world: World,
    /** When the command happens (ISO 8601). */
    readonly at: string,
    readonly newId: () => string = randomUUID,
  ) {}

  emit(event: SimEvent, causationId: string | null = null): string {
    const eventId = this.newId();
    this.events.push({ event, eventId, causationId });
    return eventId;
  }

  principal(name: string, field: string, kind?: PrincipalKind): Principal {
    const p = findPrincipal(this.world.directory, name);
    if (!p || (kind && p.kind !== kind)) throw new UnknownPrincipal(name, field);
    return p;
  }

  machine(name: string, field = 'machine'): MachineState {
    const m = this.world.machines.get(key(name));
    if (!m) throw new UnknownMachine(name, field);
    return m;
  }

  upMachine(name: string, field = 'machine'): MachineState {
    const m = this.machine(name, field);
    if (!m.up) throw new MachineDown(m.name, field);
    return m;
  }

  liveSession(label: string, field = 'session'): SessionState {
    const s = this.world.sessions.get(label);
    if (!s && this.world.endedSessions.has(label)) throw new SessionEnded(label, 'has ended', field);
    if (!s) throw new UnknownSession(label, field);
    if (s.denied) throw new SessionEnded(label, `was denied (${s.denied.reason})`, field);
    if (!sessionAlive(this.world, s)) throw new SessionEnded(label, 'has ended', field);
    return s;
  }

  policyOf(machine: MachineState): Policy {
    return effectivePolicy(this.world.directory.policy, machine.policy);
  }

  /** Directory truth of a principal now, and the directory event it reflects (for causation). */
  truth(sid: string): { membership: Membership | null; eventId: string | null } {
    return { membership: directoryTruth(this.world.directory, sid), eventId: this.world.directory.truthEvent.get(sid) ?? null };
  }
}
