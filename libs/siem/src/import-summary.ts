import { z } from 'zod';
import { malformedSchema } from './read/win-event';

/** How far an import has come: reported on standard error while it runs. */
export const importProgressSchema = z.object({
  read: z.number().int(),
  imported: z.number().int(),
  skipped: z.number().int(),
  malformed: z.number().int(),
  ratePerSecond: z.number(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

/** What an import did: the CLI's summary and the body of `POST /simulations/{id}/imports`. */
export const importSummarySchema = importProgressSchema.extend({
  simulation: z.string(),
  sources: z.array(z.string()),
  duplicates: z.number().int(),
  /** Events of logs other than Security and System (Sysmon, PowerShell, …): skipped. */
  otherChannels: z.number().int(),
  /** Event IDs that are not mapped, with their counts: skipped, never fatal. */
  unknown: z.record(z.string(), z.number().int()),
  /** The first 100 unreadable lines (all are counted in `malformed`). */
  malformedLines: z.array(malformedSchema),
  /** Events appended to the simulation. */
  events: z.number().int(),
  /** Logged tokens whose groups differ from the simulation's (TokenDivergenceFound). */
  divergences: z.number().int(),
  /** OTRF `EventTime` has no zone: the zone it was read in, when such records were seen. */
  otrfZone: z.string().nullable(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;
