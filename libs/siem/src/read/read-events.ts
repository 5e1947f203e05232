import type { RecordItem } from './read-item';
import { readContext, readPath, readStream } from './read-inputs';
import type { LineSource } from './read-sources';
import type { FileReport } from './file-report';
import type { InputFormat, Malformed } from './win-event';

export { readInputs, readContext, type ReadInputsOptions } from './read-inputs';
export type { ReadItem } from './read-item';
export type { FileReport, ReadStatus, Skipped } from './file-report';
export type { TimeReport } from './local-time-zone';
export { parseTimezone } from './time-zone';

export interface ReadOptions {
  format: InputFormat | 'auto';
  /** The zone of zone-less local times (NXLog `EventTime`): `UTC` or `±HH:MM`. */
  zone: string;
}

/**
 * The events of one source for the importer that reads sources (readInputs is the entry point
 * that also reports per file). A file that could not be read to its end, or that holds no log,
 * comes out as one malformed item saying why, so that the importer's summary shows it.
 */
export async function* readEvents(
  source: LineSource,
  options: ReadOptions,
): AsyncIterable<RecordItem> {
  const ctx = readContext({ format: options.format, timezone: options.zone });
  const items = source.stream
    ? readStream(source.name, source.stream, ctx)
    : readPath(source.name, null, ctx);
  for await (const batch of items)
    for (const item of batch) {
      if ('event' in item || 'malformed' in item) yield item;
      else if ('file' in item && ownProblem(item.file)) yield { malformed: problem(item.file) };
    }
}

/**
 * Not read whole by its own fault (an archive whose entry stopped says it there), or no log at all.
 */
const ownProblem = (r: FileReport): boolean =>
  r.status === 'unreadable' ||
  r.stoppedAt !== null ||
  (r.kind === 'log' && r.records === 0 && r.malformed.count === 0);

const problem = (r: FileReport): Malformed => ({
  file: r.name,
  line: r.stoppedAt?.line ?? 0,
  reason: r.reason ?? r.status,
});
