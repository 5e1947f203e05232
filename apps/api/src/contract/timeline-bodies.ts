import { principalEntrySchema, timelineSchema } from '@tokentrail/projections';
import { z } from 'zod';
import { named } from './openapi-schemas';

/** A principal's timeline over the whole log (libs/projections defines it; the page reads it). */
export const timelineBodySchema = named('Timeline', timelineSchema);

export const principalListSchema = named(
  'PrincipalList',
  z.object({
    simulation: z.string(),
    kind: z.literal('principals'),
    items: z.array(principalEntrySchema),
  }),
);
export type PrincipalList = z.infer<typeof principalListSchema>;

export const lineageBodySchema = named(
  'Lineage',
  z.object({
    simulation: z.string(),
    kind: z.literal('lineage'),
    event: z.string(),
    items: z
      .array(z.record(z.string(), z.unknown()))
      .describe('oldest first: type, at, position, globalPosition, eventId, and what it copied'),
  }),
);
export type LineageBody = z.infer<typeof lineageBodySchema>;
