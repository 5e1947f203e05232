import type { z } from 'zod';
import { IMPLICIT_GROUPS, type Policy, type SimCommand, type Verb } from '@tokentrail/domain';
import { QUERY_KINDS, type AsOf, type Query, type QueryKind } from '@tokentrail/projections';
import { parse as parseYaml } from 'yaml';
import { parseStart, resolveTime } from './resolve-time';
import { ScenarioInvalid, pathOf } from './scenario-invalid.error';
import {
  QUERY_SCHEMAS,
  STEP_VERBS,
  VERB_SCHEMAS,
  expectSchema,
  scenarioSchema,
  type Expectation,
  type ScenarioFile,
  type StepVerb,
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
  /** The moment to report: `at`, or for a position query the time of that event (filled in when answered). */
  at?: string;
  expect?: Expectation;
}

export interface Plan {
  title: string;
  start: string;
  commands: PlannedCommand[];
  queries: PlannedQuery[];
}

function check<T>(
  schema: z.ZodType<T>,
  value: unknown,
  path: (string | number)[],
  stepIndex?: number,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = [...path, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
  const what =
    issue.code === 'unrecognized_keys'
      ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
      : issue.message;
  throw new ScenarioInvalid(
    pathOf(
      issue.code === 'unrecognized_keys' ? path.concat(issue.path as (string | number)[]) : where,
    ),
    what,
    stepIndex,
  );
}

/** YAML (JSON is YAML) → the file's shape, or ScenarioInvalid naming where it is wrong. */
export function parseScenarioText(text: string): ScenarioFile {
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new ScenarioInvalid('', `not YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new ScenarioInvalid(
      '',
      'a scenario is a mapping with scenario, start, domain, steps and queries',
    );
  return check(scenarioSchema, raw, []);
}

const iso = (ms: number) => new Date(ms).toISOString();
const nameOf = (x: string | { name: string }) => (typeof x === 'string' ? x : x.name);

/** The commands that build the scenario's `domain` section at `start`: accounts, memberships, then machines booted. */
function setUp(file: ScenarioFile, at: string): PlannedCommand[] {
  const d = file.domain;
  const out: SimCommand[] = [
    {
      verb: 'createDomain',
      args: { name: d.name, sid: d.sid, policy: file.policy as Partial<Policy> | undefined },
    },
  ];
  const implicit = new Set(IMPLICIT_GROUPS.map((g) => g.name.toLowerCase()));
  const history: SimCommand[] = [];
  for (const g of d.groups ?? []) {
    if (!implicit.has(nameOf(g).toLowerCase()))
      out.push({
        verb: 'createGroup',
        args: { name: nameOf(g), sid: typeof g === 'string' ? undefined : g.sid },
      });
  }
  for (const u of d.users ?? [])
    out.push({
      verb: 'createUser',
      args: { name: nameOf(u), sid: typeof u === 'string' ? undefined : u.sid },
    });
  for (const c of d.computers ?? [])
    out.push({
      verb: 'createComputer',
      args: { name: nameOf(c), sid: typeof c === 'string' ? undefined : c.sid },
    });
  for (const p of [...(d.users ?? []), ...(d.groups ?? [])]) {
    if (typeof p !== 'string')
      for (const sid of p.sidHistory ?? [])
        history.push({ verb: 'addSidHistory', args: { principal: p.name, sid } });
  }
  out.push(...history);
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
          : {
              name: c.name,
              policy: c.policy as Partial<Policy> | undefined,
              localAdmins: c.localAdmins,
            },
    });
    out.push({ verb: 'boot', args: { machine: nameOf(c) } });
  }
  return out.map((command) => ({ command, at }));
}

/** A step's verb arguments as commands (createComputer also provisions and boots the new machine). */
function stepCommands(verb: StepVerb, args: Record<string, unknown>): SimCommand[] {
  if (verb === 'createComputer') {
    const name = args.name as string;
    return [
      { verb: 'createComputer', args: { name } },
      { verb: 'provisionMachine', args: { name } },
      { verb: 'boot', args: { machine: name } },
    ];
  }
  if (verb === 'setPolicy') {
    const { machine, ...policy } = args;
    const overrides = Object.fromEntries(
      Object.entries(policy).filter(([, v]) => v !== undefined),
    ) as Partial<Policy>;
    return [
      { verb: 'setPolicy', args: { machine: machine as string | undefined, policy: overrides } },
    ];
  }
  return [{ verb: verb as Verb, args } as SimCommand];
}

/**
 * One step (`{ at?, id?, expect?, <verb>: {…} }`) as timed commands; `path` prefixes the field
 * names of errors (`steps[3]` in a file, nothing for an API body).
 */
export function planStep(
  step: Record<string, unknown>,
  clock: { start: number; previous: number },
  path: (string | number)[],
  index?: number,
): PlannedCommand[] {
  const verbs = Object.keys(step).filter((k) => !['at', 'id', 'expect'].includes(k));
  if (verbs.length !== 1 || !STEP_VERBS.includes(verbs[0] as StepVerb)) {
    const unknown = verbs.find((v) => !STEP_VERBS.includes(v as StepVerb));
    throw new ScenarioInvalid(
      pathOf(unknown ? [...path, unknown] : path),
      unknown
        ? `unknown step verb "${unknown}" (one of ${STEP_VERBS.join(', ')})`
        : `a step has exactly one verb, found ${verbs.length ? verbs.join(', ') : 'none'}`,
      index,
    );
  }
  const verb = verbs[0] as StepVerb;
  const args = check(
    VERB_SCHEMAS[verb] as z.ZodType<Record<string, unknown>>,
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
  if (when < clock.previous)
    throw new ScenarioInvalid(
      pathOf([...path, 'at']),
      `${iso(when)} goes back in time (the previous step is at ${iso(clock.previous)})`,
      index,
    );
  const id = (step.id as string | undefined) ?? (args.id as string | undefined);
  if (verb === 'access' && id !== undefined) args.id = id;
  return stepCommands(verb, args).map((command, i) => ({
    command,
    at: iso(when),
    ...(i === 0 ? { step: { index: index ?? 0, id, verb, expect } } : {}),
  }));
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
  const queries = (file.queries ?? []).map((q, index): PlannedQuery => {
    const base = ['queries', index] as (string | number)[];
    const kinds = Object.keys(q).filter((k) => !['at', 'id', 'expect', 'position'].includes(k));
    if (kinds.length !== 1 || !QUERY_KINDS.includes(kinds[0] as QueryKind)) {
      const unknown = kinds.find((k) => !QUERY_KINDS.includes(k as QueryKind));
      throw new ScenarioInvalid(
        pathOf(unknown ? [...base, unknown] : base),
        unknown
          ? `unknown query "${unknown}" (one of ${QUERY_KINDS.join(', ')})`
          : `a query has exactly one kind, found ${kinds.length ? kinds.join(', ') : 'none'}`,
        index,
      );
    }
    const kind = kinds[0] as QueryKind;
    const args = check(
      QUERY_SCHEMAS[kind] as z.ZodType<Record<string, unknown>>,
      q[kind] ?? {},
      [...base, kind],
      index,
    );
    const expect =
      q.expect === undefined
        ? undefined
        : check(expectSchema, q.expect, [...base, 'expect'], index);
    if (q.id !== undefined && typeof q.id !== 'string')
      throw new ScenarioInvalid(pathOf([...base, 'id']), 'must be a string', index);
    let asOf: AsOf;
    if (q.position !== undefined) {
      if (!Number.isInteger(q.position) || (q.position as number) < 1)
        throw new ScenarioInvalid(
          pathOf([...base, 'position']),
          'must be a whole number from 1',
          index,
        );
      asOf = { position: q.position as number };
    } else {
      if (q.at === undefined)
        throw new ScenarioInvalid(pathOf([...base, 'at']), 'is required (or give position)', index);
      if (typeof q.at === 'string' && q.at.startsWith('+'))
        throw new ScenarioInvalid(
          pathOf([...base, 'at']),
          'a query needs an absolute time (ISO 8601 or HH:MM[:SS])',
          index,
        );
      const when = resolveTime(q.at, start, start);
      if (typeof when === 'string') throw new ScenarioInvalid(pathOf([...base, 'at']), when, index);
      asOf = { at: iso(when) };
    }
    return {
      index,
      id: q.id as string | undefined,
      query: { kind, args } as Query,
      asOf,
      at: asOf.at,
      expect,
    };
  });
  return { title: file.scenario, start: iso(start), commands, queries };
}
