import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  IMPLICIT_GROUPS,
  QUERY_KINDS,
  QUERY_SCHEMAS,
  STEP_VERBS,
  STEP_VERB_SCHEMAS,
  type Query,
  type SimCommand,
  type StepVerb,
} from '@tokentrail/domain';
import type { AsOf } from '@tokentrail/projections';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parseStart, resolveTime } from './resolve-time';
import { ScenarioInvalid, pathOf } from './scenario-invalid.error';
import {
  expectSchema,
  scenarioSchema,
  type Expectation,
  type ScenarioFile,
} from './scenario-schema';

export interface PlannedCommand {
  command: SimCommand;
  at: string;
  /** The scenario step it comes from; set-up commands from the `domain` section have none. */
  step?: { index: number; id?: string; verb: StepVerb; expect?: Expectation };
}

export interface PlannedQuery {
  index: number;
  id?: string;
  query: Query;
  asOf: AsOf;
  expect?: Expectation;
}

export interface Plan {
  title: string;
  start: string;
  commands: PlannedCommand[];
  queries: PlannedQuery[];
}

type Path = (string | number)[];

function check<T>(schema: z.ZodType<T>, value: unknown, path: Path, stepIndex?: number): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = [...path, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
  const what =
    issue.code === 'unrecognized_keys'
      ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
      : issue.message;
  throw new ScenarioInvalid(pathOf(where), what, stepIndex);
}

/**
 * YAML (JSON is YAML) → the file's shape, or ScenarioInvalid naming where it is wrong. YAML 1.2's
 * core schema: `09:00` and `2026-03-02T08:00:00Z` stay strings (times are read by resolveTime).
 */
export function parseScenarioText(text: string): ScenarioFile {
  let raw: unknown;
  try {
    raw = load(text, { schema: CORE_SCHEMA });
  } catch (error) {
    throw new ScenarioInvalid('', `not YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseScenario(raw);
}

/**
 * A scenario already read (a JSON body) → the file's shape, or ScenarioInvalid naming where it is
 * wrong.
 */
export function parseScenario(raw: unknown): ScenarioFile {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ScenarioInvalid(
      '',
      'a scenario is a mapping with scenario, start, domain, steps and queries',
    );
  }
  return check(scenarioSchema, raw, []);
}

const iso = (ms: number) => new Date(ms).toISOString();
const nameOf = (x: string | { name: string }) => (typeof x === 'string' ? x : x.name);
const sidOf = (x: string | { sid?: string }) => (typeof x === 'string' ? undefined : x.sid);

/**
 * The commands that build the scenario's `domain` section at `start`: accounts, memberships, then
 * machines booted.
 */
function setUp(file: ScenarioFile, at: string): PlannedCommand[] {
  const d = file.domain;
  const out: SimCommand[] = [
    { verb: 'createDomain', args: { name: d.name, sid: d.sid, policy: file.policy } },
  ];
  const implicit = new Set(IMPLICIT_GROUPS.map((g) => g.name.toLowerCase()));
  for (const g of d.groups ?? []) {
    if (!implicit.has(nameOf(g).toLowerCase()))
      out.push({
        verb: 'createPrincipal',
        args: { kind: 'group', name: nameOf(g), sid: sidOf(g) },
      });
  }
  for (const u of d.users ?? [])
    out.push({ verb: 'createPrincipal', args: { kind: 'user', name: nameOf(u), sid: sidOf(u) } });
  for (const c of d.computers ?? [])
    out.push({
      verb: 'createPrincipal',
      args: { kind: 'computer', name: nameOf(c), sid: sidOf(c) },
    });
  for (const p of [...(d.users ?? []), ...(d.groups ?? [])]) {
    if (typeof p !== 'string')
      for (const sid of p.sidHistory ?? [])
        out.push({ verb: 'addSidHistory', args: { principal: p.name, sid } });
  }
  for (const g of d.groups ?? []) {
    if (typeof g !== 'string')
      for (const m of g.members ?? [])
        out.push({ verb: 'addMember', args: { group: g.name, member: m } });
  }
  for (const c of d.computers ?? []) {
    out.push({
      verb: 'provisionMachine',
      args:
        typeof c === 'string'
          ? { name: c }
          : { name: c.name, policy: c.policy, localAdmins: c.localAdmins },
    });
    out.push({ verb: 'boot', args: { machine: nameOf(c) } });
  }
  return out.map((command) => ({ command, at }));
}

/** A step's verb as commands: createComputer also provisions and boots the new machine. */
function stepCommands(verb: StepVerb, args: Record<string, unknown>): SimCommand[] {
  const command = { verb, args } as SimCommand;
  if (command.verb !== 'createComputer') return [command];
  const { name } = command.args;
  return [
    command,
    { verb: 'provisionMachine', args: { name } },
    { verb: 'boot', args: { machine: name } },
  ];
}

/** The one key of an object that is not among `others`, or why there is not exactly one. */
function soleKey<K extends string>(
  item: Record<string, unknown>,
  known: readonly K[],
  others: readonly string[],
  what: string,
  path: Path,
  index?: number,
): K {
  const keys = Object.keys(item).filter((k) => !others.includes(k));
  const unknown = keys.find((k) => !known.includes(k as K));
  if (unknown !== undefined)
    throw new ScenarioInvalid(
      pathOf([...path, unknown]),
      `unknown ${what} "${unknown}" (one of ${known.join(', ')})`,
      index,
    );
  if (keys.length !== 1)
    throw new ScenarioInvalid(
      pathOf(path),
      `exactly one ${what}, found ${keys.length ? keys.join(', ') : 'none'}`,
      index,
    );
  return keys[0] as K;
}

/**
 * One step (`{ at?, id?, expect?, <verb>: {…} }`) as timed commands; `path` prefixes the field
 * names of errors (`steps[3]` in a file, nothing for an API body).
 */
export function planStep(
  step: Record<string, unknown>,
  clock: { start: number; previous: number },
  path: Path,
  index?: number,
): PlannedCommand[] {
  const verb = soleKey(step, STEP_VERBS, ['at', 'id', 'expect'], 'step verb', path, index);
  const args = check(
    STEP_VERB_SCHEMAS[verb] as z.ZodType<Record<string, unknown>>,
    step[verb],
    [...path, verb],
    index,
  );
  if (step.id !== undefined && typeof step.id !== 'string')
    throw new ScenarioInvalid(pathOf([...path, 'id']), 'must be a string', index);
  const expect =
    step.expect === undefined
      ? undefined
      : check(expectSchema, step.expect, [...path, 'expect'], index);
  const when = resolveTime(step.at, clock.start, clock.previous);
  if (typeof when === 'string') throw new ScenarioInvalid(pathOf([...path, 'at']), when, index);
  if (when < clock.previous) {
    throw new ScenarioInvalid(
      pathOf([...path, 'at']),
      `${iso(when)} goes back in time (the previous step is at ${iso(clock.previous)})`,
      index,
    );
  }
  const id = step.id ?? (args.id as string | undefined);
  if (verb === 'access' && id !== undefined) args.id = id;
  return stepCommands(verb, args).map((command, i) => ({
    command,
    at: iso(when),
    ...(i === 0 ? { step: { index: index ?? 0, id, verb, expect } } : {}),
  }));
}

function planQuery(q: Record<string, unknown>, index: number, start: number): PlannedQuery {
  const base: Path = ['queries', index];
  const kind = soleKey(q, QUERY_KINDS, ['at', 'id', 'expect', 'position'], 'query', base, index);
  const args = check(
    QUERY_SCHEMAS[kind] as z.ZodType<Record<string, unknown>>,
    q[kind] ?? {},
    [...base, kind],
    index,
  );
  const expect =
    q.expect === undefined ? undefined : check(expectSchema, q.expect, [...base, 'expect'], index);
  if (q.id !== undefined && typeof q.id !== 'string')
    throw new ScenarioInvalid(pathOf([...base, 'id']), 'must be a string', index);
  let asOf: AsOf;
  if (q.position !== undefined) {
    if (!Number.isSafeInteger(q.position) || (q.position as number) < 1) {
      throw new ScenarioInvalid(
        pathOf([...base, 'position']),
        'must be a whole number from 1',
        index,
      );
    }
    asOf = { position: q.position as number };
  } else {
    if (q.at === undefined)
      throw new ScenarioInvalid(pathOf([...base, 'at']), 'is required (or give position)', index);
    if (typeof q.at === 'string' && q.at.startsWith('+')) {
      throw new ScenarioInvalid(
        pathOf([...base, 'at']),
        'a query needs an absolute time (ISO 8601 or HH:MM[:SS])',
        index,
      );
    }
    const when = resolveTime(q.at, start, start);
    if (typeof when === 'string') throw new ScenarioInvalid(pathOf([...base, 'at']), when, index);
    asOf = { at: iso(when) };
  }
  return { index, id: q.id, query: { kind, args } as Query, asOf, expect };
}

/** Validates a parsed scenario and turns it into timed commands and queries (nothing runs yet). */
export function planScenario(file: ScenarioFile): Plan {
  const start = parseStart(file.start);
  if (start === null)
    throw new ScenarioInvalid('start', `"${file.start}" is not an ISO 8601 time with a zone`);
  const commands = setUp(file, iso(start));
  let previous = start;
  (file.steps ?? []).forEach((step, index) => {
    const planned = planStep(step, { start, previous }, ['steps', index], index);
    previous = Date.parse(planned[0].at);
    commands.push(...planned);
  });
  const queries = (file.queries ?? []).map((q, index) => planQuery(q, index, start));
  return { title: file.scenario, start: iso(start), commands, queries };
}

/** What a run of this plan writes, as one hash: `--resume` continues only the same plan. */
export function planHash(plan: Plan): string {
  const h = createHash('sha256');
  for (const c of plan.commands) h.update(JSON.stringify([c.at, c.command])).update('\n');
  return h.digest('hex');
}
