import { answerSchema } from '@tokentrail/domain';
import { z } from 'zod';
import { named } from './openapi-schemas';

/** A simulation's event as JSON: its position in the simulation (from 1), the store's as text. */
export const eventSchema = named(
  'Event',
  z.object({
    position: z.number().int(),
    globalPosition: z.string(),
    streamId: z.string(),
    revision: z.string(),
    type: z.string().describe('LoggedOn, MemberAdded, TokenDivergenceFound, …'),
    data: z.record(z.string(), z.unknown()),
    metadata: z.object({
      eventId: z.string(),
      occurredAt: z.string(),
      causationId: z.string().nullable(),
      correlationId: z.string().nullable(),
      schemaVersion: z.number().int(),
      aggregate: z.string(),
    }),
  }),
);
export type EventBody = z.infer<typeof eventSchema>;

export const eventPageSchema = named(
  'EventPage',
  z.object({
    simulation: z.string(),
    events: z.array(eventSchema),
    nextPosition: z.number().int().nullable().describe('where the next page starts; null: the end'),
  }),
);
export type EventPage = z.infer<typeof eventPageSchema>;

/** One command's answer: the step's answer (a logon's token, an access's view) and its events. */
export const commandAnswerSchema = named(
  'CommandAnswer',
  answerSchema.extend({
    simulation: z.string(),
    at: z.string(),
    verb: z.string(),
    events: z.array(eventSchema),
  }),
);
export type CommandAnswer = z.infer<typeof commandAnswerSchema>;
