import { z } from 'zod';

/** What a verification found wrong with one stream, named at the first place it shows. */
export const problemKindSchema = z.enum([
  /** An event's content no longer gives its stored hash (an edited field, a flipped byte). */
  'altered',
  /** A revision between two stored ones is gone. */
  'missing',
  /** The stream ends before a head that was signed or written down. */
  'truncated',
  /** The chain is consistent but not the one that was signed: it was edited and recomputed. */
  'recomputed',
  /** A stream that was signed is gone and no deletion of it is recorded. */
  'vanished',
  /** Global positions go backwards within the stream. */
  'reordered',
  /** A signed head that does not check (bad signature, or a key that is not trusted). */
  'bad-seal',
]);
export type ProblemKind = z.infer<typeof problemKindSchema>;

export const streamProblemSchema = z.object({
  kind: problemKindSchema,
  /** The revision where it shows (the first missing one, the altered one, the signed head). */
  revision: z.number().int(),
  /** The event's global position in the store, when the event is there. */
  globalPosition: z.number().int().nullable(),
  message: z.string(),
});
export type StreamProblem = z.infer<typeof streamProblemSchema>;

/** A deletion as the store recorded it (stream `$deletions`). */
export const deletionRecordSchema = z.object({
  stream: z.string(),
  lastRevision: z.number().int(),
  headHash: z.string(),
  events: z.number().int(),
  deletedAt: z.string(),
});
export type DeletionRecord = z.infer<typeof deletionRecordSchema>;

export const streamVerdictSchema = z.object({
  stream: z.string(),
  /** Events whose chain was recomputed and found intact (up to the first problem). */
  verified: z.number().int(),
  /** The last intact event: the head to write down (`revision + 1` is a simulation's position). */
  head: z.object({ revision: z.number().int(), hash: z.string() }).nullable(),
  /** The latest signed head of this stream that the chain was checked against. */
  sealed: z.object({ revision: z.number().int(), sealedAt: z.string() }).nullable(),
  deleted: deletionRecordSchema.nullable(),
  problem: streamProblemSchema.nullable(),
});
export type StreamVerdict = z.infer<typeof streamVerdictSchema>;

export const sealSummarySchema = z.object({
  /** Signed heads found (in the store's `$seals` stream, or the bundle's one). */
  count: z.number().int(),
  last: z
    .object({ sealedAt: z.string(), fingerprint: z.string(), trusted: z.boolean().nullable() })
    .nullable(),
});
export type SealSummary = z.infer<typeof sealSummarySchema>;

export const logReportSchema = z.object({
  ok: z.boolean(),
  /** Events verified over every stream. */
  checked: z.number().int(),
  streams: z.array(streamVerdictSchema),
  seals: sealSummarySchema,
  /** Every problem, one line each, streams first in their order. */
  problems: z.array(z.string()),
});
export type LogReport = z.infer<typeof logReportSchema>;
