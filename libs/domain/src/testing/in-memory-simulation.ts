/**
 * TEST SUPPORT: a simulation held in memory, driven by the same decisions as the product, for
 * given / when / then tests of the rules. Not part of the build.
 */
import type { CommandArgs, SimCommand, Verb } from '../commands';
import { decide } from '../decide/decide';
import type { Decided, EventOf, SimEvent, SimEventType } from '../events';
import type { Policy } from '../policy';
import { foldDecided } from '../world/fold';
import { emptyWorld, key, type World } from '../world/world-state';

export interface Setup {
  /** false: no domain yet (imports create it from the first domain SID they see). */
  domain?: false;
  policy?: Partial<Policy>;
  users?: string[];
  groups?: Record<string, string[]>;
  computers?: Array<string | { name: string; policy?: Partial<Policy>; localAdmins?: string[] }>;
}

export const DAY = '2026-03-02';
export const t = (hhmm: string) =>
  hhmm.includes('T') ? hhmm : `${DAY}T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}.000Z`;

export class InMemorySimulation {
  readonly world: World = emptyWorld();
  private clock = t('08:00');

  /** Given: a domain corp.example with these principals, members and booted machines at 08:00. */
  constructor(setup: Setup = {}) {
    if (setup.domain === false) return;
    this.run('createDomain', { name: 'corp.example', policy: setup.policy });
    for (const g of Object.keys(setup.groups ?? {}))
      if (!this.world.directory.byName.has(g.toLowerCase())) this.run('createGroup', { name: g });
    for (const u of setup.users ?? []) this.run('createUser', { name: u });
    const computers = (setup.computers ?? []).map((c) => (typeof c === 'string' ? { name: c } : c));
    for (const c of computers) this.run('createComputer', { name: c.name });
    for (const [g, members] of Object.entries(setup.groups ?? {}))
      for (const m of members) this.run('addMember', { group: g, member: m });
    for (const c of computers) {
      this.run('provisionMachine', c);
      this.run('boot', { machine: c.name });
    }
  }

  /** When: a command at a time (HH:MM on the test day, or ISO); the events it decided are folded and returned. */
  at<V extends Verb>(when: string, verb: V, args: CommandArgs[V]): Decided[] {
    this.clock = t(when);
    return this.run(verb, args);
  }

  run<V extends Verb>(verb: V, args: CommandArgs[V]): Decided[] {
    const decided = decide(this.world, { verb, args } as SimCommand, this.clock);
    foldDecided(this.world, decided, this.clock);
    return decided;
  }

  get now(): string {
    return this.clock;
  }

  machine(name: string) {
    return this.world.machines.get(key(name))!;
  }

  session(label: string) {
    return this.world.sessions.get(label)!;
  }
}

export const types = (decided: readonly Decided[]) => decided.map((d) => d.event.type);

export function eventOf<T extends SimEventType>(
  decided: readonly Decided[],
  type: T,
): EventOf<T>['data'] {
  const found = decided.find((d) => d.event.type === type);
  if (!found) throw new Error(`no ${type} among ${types(decided).join(', ')}`);
  return (found.event as SimEvent & { type: T }).data as EventOf<T>['data'];
}

/** The groups an access saw, or 'denied'. */
export function seen(decided: readonly Decided[]): string[] | 'denied' {
  const a = eventOf(decided, 'AccessMade');
  return a.denied || !a.membership ? 'denied' : a.membership.groups.map((g) => g.name).sort();
}
