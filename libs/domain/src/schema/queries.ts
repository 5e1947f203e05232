import { z } from 'zod';
import { InvalidArgument } from '../errors';
import { authSchema, nameSchema, serviceSchema } from './names';

const name = nameSchema;
const flag = z.boolean().optional();

/**
 * The questions of SCENARIOS.md and their arguments, as the runner, the CLI and the API ask them.
 */
export const QUERY_SCHEMAS = {
  truth: z.strictObject({ principal: name }),
  token: z.strictObject({
    session: name.optional(),
    elevated: flag,
    process: name.optional(),
    machine: name.optional(),
  }),
  tgt: z.strictObject({ session: name.optional(), elevated: flag, machine: name.optional() }),
  logonCache: z.strictObject({ machine: name, user: name }),
  basicCache: z.strictObject({ server: name, user: name }),
  smbSession: z.strictObject({ session: name, elevated: flag, server: name }),
  /** `machine` narrows to the artifacts living on one machine (an extension of SCENARIOS.md). */
  stale: z.strictObject({ principal: name.optional(), machine: name.optional() }),
  explain: z.strictObject({
    access: name.optional(),
    session: name.optional(),
    elevated: flag,
    process: name.optional(),
    machine: name.optional(),
    server: name.optional(),
    user: name.optional(),
    /** Which artifact of a session, when the arguments alone do not say. */
    of: z.enum(['token', 'tgt', 'smbSession', 'basicCache']).optional(),
  }),
  remediate: z
    .strictObject({
      principal: name,
      server: name.optional(),
      service: serviceSchema.optional(),
      auth: authSchema.optional(),
      session: name.optional(),
    })
    .refine((r) => !!r.session || (!!r.server && !!r.service && !!r.auth), {
      message: 'give a session, or server + service + auth',
      path: ['server'],
    }),
};

export type QueryKind = keyof typeof QUERY_SCHEMAS;
export type QueryArgs = { [K in QueryKind]: z.output<(typeof QUERY_SCHEMAS)[K]> };
export type Query = { [K in QueryKind]: { kind: K; args: QueryArgs[K] } }[QueryKind];
export const QUERY_KINDS = Object.keys(QUERY_SCHEMAS) as QueryKind[];

/**
 * One answer, in the result shape of SCENARIOS.md (minus id, kind, at, expect and pass): what the
 * runner prints and the API answers.
 */
export const answerSchema = z.object({
  none: z.literal(true).optional(),
  groups: z.array(z.string()).optional(),
  sids: z.array(z.string()).optional(),
  source: z.string().optional(),
  denied: z.boolean().optional(),
  reason: z.string().optional(),
  items: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type Answer = z.infer<typeof answerSchema>;

/**
 * A question's arguments as given (a scenario, an HTTP query, CLI options), checked; the first
 * problem names its field.
 */
export function parseQuery(kind: QueryKind, raw: Record<string, unknown>): Query {
  const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const parsed = QUERY_SCHEMAS[kind].safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || kind;
    const message =
      issue.code === 'unrecognized_keys'
        ? `${kind} does not take ${issue.keys.join(', ')}`
        : issue.message;
    throw new InvalidArgument(field, message);
  }
  return { kind, args: parsed.data } as Query;
}

export function isQueryKind(kind: string): kind is QueryKind {
  return (QUERY_KINDS as string[]).includes(kind);
}
