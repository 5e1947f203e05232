import type { FileReport, Skipped } from './file-report';
import { RecordInvalid } from './record-fields';
import type { Malformed, WinEvent } from './win-event';

/**
 * What reading gives, in order: events and malformed records, then the report of the file they came
 * from.
 */
export type ReadItem = { event: WinEvent } | { malformed: Malformed } | { file: FileReport };

/** One record read: an event, or why it is none. */
export type RecordItem = { event: WinEvent } | { malformed: Malformed };

/**
 * Inside the readers: a file or entry found in a container that is no log, for the container to
 * count.
 */
export type Item = ReadItem | { skipped: Skipped };

/** Where a reader is in its file: kept up to date for the report of a stop. */
export interface Progress {
  line: number;
}

/**
 * A record read by `parse`, or the reason it is malformed (any other error is a bug, and is
 * thrown).
 */
export function recordItem(parse: () => WinEvent, at: { file: string; line: number }): RecordItem {
  try {
    return { event: parse() };
  } catch (error) {
    return malformedItem(error, at);
  }
}

/**
 * The record a RecordInvalid was raised for, as malformed; any other error is a bug, and is thrown.
 */
export function malformedItem(error: unknown, at: { file: string; line: number }): RecordItem {
  if (error instanceof RecordInvalid) return { malformed: { ...at, reason: error.message } };
  throw error;
}
