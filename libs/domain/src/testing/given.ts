/**
 * TEST SUPPORT (not part of the build): given / when / then over the domain's decider, in the
 * shape of Emmett's DeciderSpecification: given these events, when this command, then these
 * events (or this error).
 */
import { expect } from 'vitest';
import { decide } from '../decider/decide';
import type { Decided } from '../decider/decided';
import { applyDecided } from '../decider/stamp';
import { evolve } from '../decider/evolve';
import type { Envelope } from '../events/envelope';
import type { DataOf, SimEvent, SimEventType } from '../events/events';
import type { PolicyOverrides } from '../policy';
import type { CommandArgs, SimCommand, Verb } from '../schema/verbs';
import { emptyWorld, key, type World } from '../world/world-state';

export const DAY = '2026-03-02';
/** `09:00` on the test day, or an ISO time as it is. */
export const t = (hhmm: string) =>
  hhmm.includes('T') ? hhmm : `${DAY}T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}.000Z`;

export interface Setup {
  policy?: PolicyOverrides;
  users?: string[];
  groups?: Record<string, string[]>;
  computers?: Array<string | { name: string; policy?: PolicyOverrides; localAdmins?: string[] }>;
}

let ids = 0;
const newId = () => `e${++ids}`;

/**
 * The events of a domain corp.example with these principals, members and machines booted at 08:00.
 */
export function corp(setup: Setup = {}): Envelope[] {
  const world = emptyWorld();
  const log: Envelope[] = [];
  const run = (command: SimCommand) =>
    log.push(...applyDecided(world, decide(world, command, t('08:00')), { at: t('08:00'), newId }));
  run({ verb: 'createDomain', args: { name: 'corp.example', policy: setup.policy } });
  for (const g of Object.keys(setup.groups ?? {})) {
    if (!world.directory.byName.has(g.toLowerCase()))
      run({ verb: 'createGroup', args: { name: g } });
  }
  for (const u of setup.users ?? []) run({ verb: 'createUser', args: { name: u } });
  const computers = (setup.computers ?? []).map((c) => (typeof c === 'string' ? { name: c } : c));
  for (const c of computers) run({ verb: 'createComputer', args: { name: c.name } });
  for (const [g, members] of Object.entries(setup.groups ?? {})) {
    for (const m of members) run({ verb: 'addMember', args: { group: g, member: m } });
  }
  for (const c of computers) {
    run({ verb: 'provisionMachine', args: c });
    run({ verb: 'boot', args: { machine: c.name } });
  }
  return log;
}

export const types = (decided: readonly { event: SimEvent }[]) => decided.map((d) => d.event.type);

export function dataOf<T extends SimEventType>(
  decided: readonly { event: SimEvent }[],
  type: T,
): DataOf<T> {
  const found = decided.find((d) => d.event.type === type);
  if (!found) throw new Error(`no ${type} among ${types(decided).join(', ')}`);
  return found.event.data as DataOf<T>;
}

/** The groups an access saw, or 'denied'. */
export function seen(decided: readonly { event: SimEvent }[]): string[] | 'denied' {
  const a = dataOf(decided, 'AccessMade');
  return a.denied || !a.membership ? 'denied' : a.membership.groups.map((g) => g.name).sort();
}

type Expected = { type: SimEventType; data?: Record<string, unknown> };

/** What a command decided, to be held against what was expected. */
export class Then {
  constructor(private readonly outcome: { decided: Decided[] } | { error: unknown }) {}

  /** Exactly these events, in order (each `data` matched as a subset); returns them. */
  then(expected: readonly (Expected | SimEventType)[]): Decided[] {
    const decided = this.decided();
    const want = expected.map((e) => (typeof e === 'string' ? { type: e } : e));
    expect(types(decided)).toEqual(want.map((e) => e.type));
    want.forEach((w, i) => {
      if (w.data) expect(decided[i].event.data).toMatchObject(w.data);
    });
    return decided;
  }

  /**
   * The command is refused with this error (class, message pattern or matcher): nothing is decided.
   */
  thenThrows(error: unknown): void {
    const outcome = this.outcome;
    if (!('error' in outcome))
      throw new Error(`no error: decided ${types(outcome.decided).join(', ')}`);
    expect(() => {
      throw outcome.error;
    }).toThrow(error);
  }

  /** The decided events, for assertions that read them. */
  decided(): Decided[] {
    if ('error' in this.outcome) throw this.outcome.error;
    return this.outcome.decided;
  }
}

/** A history folded into a world, which more commands may extend before the one under test. */
export class Given {
  readonly world: World = emptyWorld();

  constructor(history: readonly Envelope[]) {
    for (const e of history) evolve(this.world, { ...e, position: this.world.position + 1 });
  }

  /**
   * More history: a command decided and folded at a time (`09:00` or ISO); returns its stored
   * events.
   */
  and<V extends Verb>(when: string, verb: V, args: CommandArgs[V]): Envelope[] {
    return applyDecided(this.world, this.decide(when, verb, args), { at: t(when), newId });
  }

  /** The command under test: decided against the history, and folded if it was accepted. */
  when<V extends Verb>(at: string, verb: V, args: CommandArgs[V]): Then {
    let decided: Decided[];
    try {
      decided = this.decide(at, verb, args);
    } catch (error) {
      return new Then({ error });
    }
    applyDecided(this.world, decided, { at: t(at), newId });
    return new Then({ decided });
  }

  private decide<V extends Verb>(at: string, verb: V, args: CommandArgs[V]): Decided[] {
    return decide(this.world, { verb, args } as SimCommand, t(at));
  }

  machine(name: string) {
    return this.world.machines.get(key(name))!;
  }

  session(label: string) {
    return this.world.sessions.get(label)!;
  }
}

export const given = (...histories: readonly Envelope[][]) => new Given(histories.flat());
