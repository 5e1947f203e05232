import { z } from 'zod';

/*
 * The timeline's answer as it goes over HTTP, as zod schemas: the API registers them for its
 * OpenAPI document, and the page (apps/ui) imports the inferred types only (type imports, so no
 * zod in its bundle): server, document and page read one definition.
 */

/** A stretch of a simulation: times as recorded, and the simulation's event numbers. */
const stretch = {
  from: z.string(),
  to: z.string().nullable().describe('null: still so at the end of the log'),
  fromPosition: z.number().int(),
  toPosition: z.number().int().nullable(),
};

/** A principal's directory truth over one stretch (null groups once it is deleted). */
export const truthIntervalSchema = z.object({
  ...stretch,
  groups: z.array(z.string()).nullable().describe('null: the principal was deleted'),
  changedAt: z
    .string()
    .nullable()
    .describe('when the change that made these groups happened (an imported fact may be older)'),
});
export type TruthInterval = z.infer<typeof truthIntervalSchema>;

/**
 * How a truth change is known: `change`, a directory event (a scenario's step or a logged
 * 4728/4729…); `baseline`, a group held since before an imported log began, seen in a token.
 */
export const truthOriginSchema = z.enum(['change', 'baseline']);
export type TruthOrigin = z.infer<typeof truthOriginSchema>;

/** One directory event that opened a truth interval: the mark on the truth lane. */
export const truthMarkSchema = z.object({
  at: z.string(),
  position: z.number().int(),
  eventId: z.string(),
  type: z.string(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  origin: truthOriginSchema,
});
export type TruthMark = z.infer<typeof truthMarkSchema>;

/** Part of an artifact's life when its groups differ from truth (SEMANTICS.md §11). */
export const staleSegmentSchema = z.object({
  ...stretch,
  missing: z.array(z.string()).describe('granted by truth, not yet in the artifact'),
  lingering: z.array(z.string()).describe('revoked in truth, still in the artifact'),
  since: z.string().describe("the domain rule's since: the later of the birth and the change"),
});
export type StaleSegment = z.infer<typeof staleSegmentSchema>;

/** The arguments of `/explain` that name an artifact (null for kinds it cannot name). */
export const explainArgsSchema = z.object({
  session: z.string().optional(),
  elevated: z.literal('true').optional(),
  server: z.string().optional(),
  machine: z.string().optional(),
  user: z.string().optional(),
  process: z.string().optional(),
  of: z.string().optional(),
});
export type ExplainArgs = z.infer<typeof explainArgsSchema>;

/** What an artifact's id says about where it is: its logon session, server, machine, user. */
export const artifactAddressSchema = z.object({
  session: z.string().optional(),
  half: z.enum(['limited', 'elevated']).optional(),
  server: z.string().optional(),
  machine: z.string().optional(),
  user: z.string().optional(),
  process: z.string().optional(),
  spn: z.string().optional(),
  connection: z.string().optional(),
  backend: z.string().optional(),
});
export type ArtifactAddress = z.infer<typeof artifactAddressSchema>;

/** One artifact's life, drawn as one bar. */
export const artifactLaneSchema = z.object({
  ...stretch,
  kind: z.string(),
  id: z.string(),
  principal: z.string(),
  machine: z.string().describe('where it lives: the client machine, or the server'),
  groups: z.array(z.string()),
  tokenType: z.string().nullable().describe('the logon type of a token, else null'),
  sourceEvent: z.string().describe('the event it was copied from (its lineage starts there)'),
  end: z.enum(['event', 'expiry', 'open']).describe('open: alive at the end of the log'),
  endedBy: z.object({ eventId: z.string(), type: z.string() }).nullable(),
  expiresAt: z.string().nullable().describe('when an open one stops existing by itself'),
  stale: z.array(staleSegmentSchema),
  address: artifactAddressSchema,
  explain: explainArgsSchema.nullable(),
});
export type ArtifactLane = z.infer<typeof artifactLaneSchema>;

export const timelineSchema = z.object({
  simulation: z.string(),
  kind: z.literal('timeline'),
  principal: z.object({ name: z.string(), sid: z.string() }),
  span: z
    .object({ from: z.string(), to: z.string(), events: z.number().int() })
    .describe("the simulation's first event and its latest time"),
  status: z.enum(['complete', 'incomplete']),
  monotonic: z
    .boolean()
    .describe('whether times never go backwards in log order (else bars sit at recorded times)'),
  truth: z.object({ intervals: z.array(truthIntervalSchema), marks: z.array(truthMarkSchema) }),
  lanes: z.array(artifactLaneSchema),
});
export type Timeline = z.infer<typeof timelineSchema>;

/** A principal for the page's picker. */
export const principalEntrySchema = z.object({
  name: z.string(),
  sid: z.string(),
  kind: z.enum(['user', 'group', 'computer']),
  deleted: z.boolean(),
  formerNames: z.array(z.string()),
  artifacts: z.number().int().describe('artifact intervals the projections hold for it'),
});
export type PrincipalEntry = z.infer<typeof principalEntrySchema>;
