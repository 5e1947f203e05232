import { z } from 'zod';
import {
  QUERY_KINDS,
  QUERY_SCHEMAS,
  STEP_VERBS,
  STEP_VERB_SCHEMAS,
  domainSidSchema,
  nameSchema,
  policySchema,
  sidSchema,
} from '@tokentrail/domain';

const name = nameSchema;
const sidList = z.array(sidSchema);
const user = z.union([
  name,
  z.strictObject({ name, sid: sidSchema.optional(), sidHistory: sidList.optional() }),
]);
const group = z.union([
  name,
  z.strictObject({
    name,
    sid: sidSchema.optional(),
    sidHistory: sidList.optional(),
    members: z.array(name).optional(),
  }),
]);
const computer = z.union([
  name,
  z.strictObject({
    name,
    sid: sidSchema.optional(),
    policy: policySchema.optional(),
    localAdmins: z.array(name).optional(),
  }),
]);

const groupList = z.array(name);
export const expectSchema = z.strictObject({
  includes: groupList.optional(),
  excludes: groupList.optional(),
  equals: groupList.optional(),
  denied: z.boolean().optional(),
  none: z.boolean().optional(),
});
export type Expectation = z.infer<typeof expectSchema>;

/** A step's or query's time as written (SCENARIOS.md "Times"); resolved by resolveTime. */
const time = z
  .string()
  .describe(
    'ISO 8601 with a zone, HH:MM[:SS] on the start date (UTC), or +duration after the previous step',
  );

/**
 * The file's shape; steps and queries are checked one by one (planStep, planQuery) for precise
 * errors.
 */
export const scenarioSchema = z.strictObject({
  /** Lets an editor find this file's JSON Schema (`tokentrail schema`). */
  $schema: z.string().optional(),
  scenario: z.string().min(1),
  start: z.string().min(1),
  policy: policySchema.optional(),
  domain: z.strictObject({
    name,
    sid: domainSidSchema.optional(),
    users: z.array(user).optional(),
    groups: z.array(group).optional(),
    computers: z.array(computer).optional(),
  }),
  steps: z.array(z.record(z.string(), z.unknown())).optional(),
  queries: z.array(z.record(z.string(), z.unknown())).optional(),
});

export type ScenarioFile = z.infer<typeof scenarioSchema>;

const oneOf = <K extends string>(keys: readonly K[], shape: (k: K) => z.ZodType) =>
  z.union(keys.map(shape) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);

/** One step: its time, id and expectation beside exactly one verb (the JSON Schema's view). */
export const stepSchema = oneOf(STEP_VERBS, (verb) =>
  z.strictObject({
    at: time.optional(),
    id: name.optional(),
    expect: expectSchema.optional(),
    [verb]: STEP_VERB_SCHEMAS[verb],
  }),
);

/** One query: a moment or a position, beside exactly one query kind. */
export const querySchema = oneOf(QUERY_KINDS, (kind) =>
  z.strictObject({
    id: name.optional(),
    at: time.optional(),
    position: z.number().int().min(1).optional(),
    expect: expectSchema.optional(),
    [kind]: kind === 'stale' ? QUERY_SCHEMAS.stale.nullish() : QUERY_SCHEMAS[kind],
  }),
);

/**
 * A scenario file as editors check it while it is typed (`tokentrail schema`, GET
 * /schemas/scenario.json: JSON Schema 2020-12), or as the OpenAPI document describes a request body
 * (`openapi-3.0`). Both come from the schemas the runner checks with.
 */
export function scenarioJsonSchema(
  target: 'draft-2020-12' | 'openapi-3.0' = 'draft-2020-12',
): Record<string, unknown> {
  const file = scenarioSchema.extend({
    steps: z.array(stepSchema).optional(),
    queries: z.array(querySchema).optional(),
  });
  return {
    ...z.toJSONSchema(file, { io: 'input', unrepresentable: 'any', target }),
    title: 'tokentrail scenario',
  };
}
