import { z } from 'zod';
import { timeReportSchema, type TimeReport } from './local-time-zone';
import { INPUT_FORMATS, malformedSchema, type InputFormat, type Malformed } from './win-event';

/** How many malformed records and skipped entries a report lists; the rest are counted. */
const LISTED = 20;

/** A file or entry left unread: AppleDouble metadata, or content that is no log. */
export const skippedSchema = z.object({ name: z.string(), reason: z.string() });
export type Skipped = z.infer<typeof skippedSchema>;

/**
 * `read`: read to its end, with at least one event (of any ID). `no-readable-record`: read to its
 * end, but nothing in it was an event. `stopped-early`: reading stopped before the end (the
 * events before that point were read). `unreadable`: it could not be opened or read at all.
 * A named input (`parent` null) whose status is not `read` is what a caller exits non-zero for.
 */
export const readStatusSchema = z.enum([
  'read',
  'no-readable-record',
  'stopped-early',
  'unreadable',
]);
export type ReadStatus = z.infer<typeof readStatusSchema>;

/** What reading one input file, archive entry or directory gave. */
export const fileReportSchema = z.object({
  /** The path; an archive entry is `archive!entry`; standard input is `-`. */
  name: z.string(),
  /** The archive or directory it was found in; null for an input the caller named. */
  parent: z.string().nullable(),
  kind: z.enum(['log', 'zip', 'tar', 'directory']),
  /** Read through gzip. */
  gzip: z.boolean(),
  status: readStatusSchema,
  /** Why the status is not `read`. */
  reason: z.string().nullable(),
  /** Read to its end (status `read` or `no-readable-record`). */
  complete: z.boolean(),
  /** Where reading stopped: the byte of the file as stored, the last line read. */
  stoppedAt: z.object({ byte: z.number().optional(), line: z.number().optional() }).nullable(),
  /** The format most records had; null when no record was read. */
  format: z.enum(INPUT_FORMATS).nullable(),
  formats: z.partialRecord(z.enum(INPUT_FORMATS), z.number().int()),
  /** Events read, whatever their ID or log (of every entry, for an archive or directory). */
  records: z.number().int(),
  /** The first 20 are listed; `count` counts them all. */
  malformed: z.object({ count: z.number().int(), first: z.array(malformedSchema) }),
  skipped: z.object({ count: z.number().int(), first: z.array(skippedSchema) }),
  /** How zone-less times were read; null for an archive or directory (each entry says). */
  time: timeReportSchema.nullable(),
});
export type FileReport = z.infer<typeof fileReportSchema>;

/** The counts of one file, entry or container while it is read, then its report. */
export class FileTally {
  private records = 0;
  private readonly formats: Partial<Record<InputFormat, number>> = {};
  private readonly malformed = { count: 0, first: [] as Malformed[] };
  private readonly skipped = { count: 0, first: [] as Skipped[] };
  private stop: { reason: string; at: { byte?: number; line?: number } } | null = null;
  private failure: string | null = null;
  private childProblem: string | null = null;
  private empty = 'no record in it is a Windows event';

  constructor(
    readonly name: string,
    readonly parent: string | null,
    readonly kind: FileReport['kind'],
    readonly gzip = false,
  ) {}

  event(format: InputFormat): void {
    this.records += 1;
    this.formats[format] = (this.formats[format] ?? 0) + 1;
  }

  bad(m: Malformed): void {
    this.malformed.count += 1;
    if (this.malformed.first.length < LISTED) this.malformed.first.push(m);
  }

  skip(s: Skipped): void {
    this.skipped.count += 1;
    if (this.skipped.first.length < LISTED) this.skipped.first.push(s);
  }

  /** Why a file with no record has none, when more can be said than "no event in it". */
  nothingBecause(reason: string): void {
    this.empty = reason;
  }

  stopped(reason: string, at: { byte?: number; line?: number }): void {
    this.stop ??= { reason, at };
  }

  unreadable(reason: string): void {
    this.failure = reason;
  }

  /** A file or entry of this container: its counts add up here, and its stop stops this too. */
  child(r: FileReport): void {
    this.records += r.records;
    for (const [f, n] of Object.entries(r.formats) as [InputFormat, number][])
      this.formats[f] = (this.formats[f] ?? 0) + n;
    this.malformed.count += r.malformed.count;
    for (const m of r.malformed.first)
      if (this.malformed.first.length < LISTED) this.malformed.first.push(m);
    if (!r.complete) this.childProblem ??= `${r.name}: ${r.reason}`;
  }

  report(time: TimeReport | null = null): FileReport {
    const status: ReadStatus = this.failure
      ? 'unreadable'
      : this.stop || this.childProblem
        ? 'stopped-early'
        : this.records === 0
          ? 'no-readable-record'
          : 'read';
    const reason =
      status === 'unreadable'
        ? this.failure
        : status === 'stopped-early'
          ? (this.stop?.reason ?? `an entry stopped early: ${this.childProblem}`)
          : status === 'no-readable-record'
            ? this.empty
            : null;
    let format: InputFormat | null = null;
    for (const [f, n] of Object.entries(this.formats) as [InputFormat, number][])
      if (format === null || n > this.formats[format]!) format = f;
    return {
      name: this.name,
      parent: this.parent,
      kind: this.kind,
      gzip: this.gzip,
      status,
      reason,
      complete: status === 'read' || status === 'no-readable-record',
      stoppedAt: this.stop?.at ?? null,
      format,
      formats: { ...this.formats },
      records: this.records,
      malformed: this.malformed,
      skipped: this.skipped,
      time,
    };
  }
}

/** The report of a file or entry that could not be opened or read at all. */
export function unreadable(
  name: string,
  parent: string | null,
  reason: string,
  kind: FileReport['kind'] = 'log',
): FileReport {
  const tally = new FileTally(name, parent, kind);
  tally.unreadable(reason);
  return tally.report();
}
