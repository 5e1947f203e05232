import { randomUUID } from 'node:crypto';
import type { Principal, PrincipalKind } from '../directory/directory-state';
import { findPrincipal } from '../directory/directory-state';
import { directoryTruth } from '../directory/directory-truth';
import type { Membership } from '../directory/membership';
import { addMs } from '../kerberos/ticket';
import { logonCacheEviction } from '../logon/logon-cache-eviction';
import {
  MachineDown,
  SessionEnded,
  UnknownMachine,
  UnknownPrincipal,
  UnknownSession,
} from '../errors';
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
    if (!s && this.world.endedSessions.has(label))
      throw new SessionEnded(label, 'has ended', field);
    if (!s) throw new UnknownSession(label, field);
    if (s.denied) throw new SessionEnded(label, `was denied (${s.denied.reason})`, field);
    if (!sessionAlive(this.world, s)) throw new SessionEnded(label, 'has ended', field);
    return s;
  }

  policyOf(machine: MachineState): Policy {
    return effectivePolicy(this.world.directory.policy, machine.policy);
  }

  /**
   * SEMANTICS.md §3: a successful online interactive logon rewrites the machine's logon-cache
   * entry with truth now, evicting the least recently used user when the cache is full.
   */
  refreshLogonCache(
    m: MachineState,
    user: string,
    userSid: string,
    truth: { membership: Membership; eventId: string | null },
  ): void {
    const policy = this.policyOf(m);
    if (policy.cachedLogonsCount <= 0) return;
    const evicted = logonCacheEviction(m.logonCache, userSid, policy.cachedLogonsCount);
    this.emit(
      {
        type: 'LogonCacheRefreshed',
        data: {
          machine: m.name,
          user,
          userSid,
          membership: truth.membership,
          verifier: policy.logonCacheVerifier,
          evicted: evicted ? { user: evicted.user, userSid: evicted.userSid } : null,
        },
      },
      truth.eventId,
    );
  }

  /** SEMANTICS.md §9: a server caches a Basic logon's token for its basicTokenTtl. Returns the event id. */
  cacheBasicToken(
    server: MachineState,
    user: string,
    userSid: string,
    truth: { membership: Membership; eventId: string | null },
  ): string {
    return this.emit(
      {
        type: 'BasicTokenCached',
        data: {
          server: server.name,
          serverBoot: server.boot,
          user,
          userSid,
          membership: truth.membership,
          expiresAt: addMs(this.at, this.policyOf(server).basicTokenTtl),
        },
      },
      truth.eventId,
    );
  }

  /** Directory truth of a principal now, and the directory event it reflects (for causation). */
  truth(sid: string): { membership: Membership | null; eventId: string | null } {
    return {
      membership: directoryTruth(this.world.directory, sid),
      eventId: this.world.directory.truthEvent.get(sid) ?? null,
    };
  }
}
