import { QUERY_KINDS, answerSchema } from '@tokentrail/domain';
import { viewStampSchema } from '@tokentrail/projections';
import { z } from 'zod';
import { named } from './openapi-schemas';

/** A time-travel question's answer, and where in the log it stands. */
export const viewAnswerSchema = named(
  'ViewAnswer',
  answerSchema
    .extend({ simulation: z.string(), kind: z.enum(QUERY_KINDS) })
    .extend(viewStampSchema.shape),
);
export type ViewAnswer = z.infer<typeof viewAnswerSchema>;

export const truthHistorySchema = named(
  'TruthHistory',
  z.object({
    simulation: z.string(),
    kind: z.literal('truthHistory'),
    principal: z.string(),
    sid: z.string(),
    items: z.array(
      z.object({
        groups: z.array(z.string()).nullable().describe('null: the principal did not exist'),
        fromAt: z.string(),
        toAt: z.string().nullable(),
      }),
    ),
  }),
);
export type TruthHistory = z.infer<typeof truthHistorySchema>;

export const artifactListSchema = named(
  'ArtifactList',
  z
    .object({
      simulation: z.string(),
      kind: z.literal('artifacts'),
      items: z.array(
        z.object({
          kind: z.string().describe('token, tgt, serviceTicket, smbSession, logonCache, …'),
          id: z.string(),
          principal: z.string(),
          machine: z.string(),
          groups: z.array(z.string()),
          sids: z.array(z.string()),
          since: z.string(),
          expiresAt: z.string().optional(),
          sourceEvent: z.string(),
        }),
      ),
    })
    .extend(viewStampSchema.shape),
);
export type ArtifactList = z.infer<typeof artifactListSchema>;
