import { z } from 'zod';
import { FINDING_CLASSES, type FindingClass } from '@tokentrail/domain';
import { fileReportSchema, readStatusSchema } from './read/file-report';
import { malformedSchema } from './read/win-event';

const count = z.number().int();

/** How far an import has come: reported while it runs (a progress bar, plain lines). */
export const importProgressSchema = z.object({
  /** Events read, whatever their log or ID. */
  read: count,
  /** Events that mapped to an `observe` command. */
  mapped: count,
  imported: count,
  skipped: count,
  malformed: count,
  /** Files, entries and containers read so far. */
  files: count,
  /** Named inputs read so far (of `inputs`). */
  inputsDone: count,
  /** The input being read. */
  file: z.string().nullable(),
  /** Bytes read of the files on disk (as stored), for a progress bar against their sizes. */
  bytes: count,
  seconds: z.number(),
  /** Events read per second. */
  ratePerSecond: z.number(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

/** A named input that was not read whole, or had no event in it: why the import exits 3. */
export const inputProblemSchema = z.object({
  name: z.string(),
  status: readStatusSchema,
  reason: z.string().nullable(),
  stoppedAt: fileReportSchema.shape.stoppedAt,
  records: count,
});
export type InputProblem = z.infer<typeof inputProblemSchema>;

/** What an import did: the CLI's summary and the body of `POST /simulations/{id}/imports`. */
export const importSummarySchema = importProgressSchema.extend({
  simulation: z.string(),
  inputs: z.array(z.string()),
  /** Records read twice in this import: the second is skipped. */
  duplicates: count,
  /**
   * Records that changed nothing: imported before (by computer, log and record number), or saying
   * what the simulation already held (a 5136 after its 4728, an enabled account enabled).
   */
  unchanged: count,
  /** Events of logs other than Security and System (Sysmon, PowerShell, a record naming none). */
  otherChannels: count,
  /** Event IDs that are not mapped, with their counts: skipped, never fatal. */
  unknown: z.record(z.string(), count),
  /** The first malformed records (all are counted in `malformed`). */
  malformedShown: z.array(malformedSchema),
  malformedNotShown: count,
  /** Events appended to the simulation. */
  events: count,
  /** Groups seen in logged tokens that no logged change explains (held since before the log). */
  baselineFacts: count,
  /** Findings on logged tokens, by class: every class named, with its count. */
  findings: z.object(
    Object.fromEntries(FINDING_CLASSES.map((c) => [c, count])) as Record<
      FindingClass,
      typeof count
    >,
  ),
  /** Every file, archive entry, archive and directory read, with its detected format. */
  reports: z.array(fileReportSchema),
  /** Named inputs not read whole, or with no event in them. */
  problems: z.array(inputProblemSchema),
  /** 3 when an input had a problem (the README's exit codes), else 0. */
  exitCode: z.union([z.literal(0), z.literal(3)]),
  /** Records held at most to order each computer's log by record number. */
  reorderWindow: count,
  /** Mapped records per second, reading included. */
  mappedPerSecond: z.number(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;
