import type { Bytes } from './bytes';
import { errorText } from './error-text';
import type { FileTally } from './file-report';
import { LocalTimeZone } from './local-time-zone';
import type { Item, Progress, RecordItem } from './read-item';
import type { InputFormat } from './win-event';

/**
 * How records are read: the format option, and the caller's zone (minutes east of UTC) if given.
 */
export interface ReadContext {
  format: InputFormat | 'auto';
  offset: number | null;
  /** Told the size of each chunk read from a file on disk (for a progress bar). */
  onRead?: (bytes: number) => void;
}

/**
 * One log file or entry: its records, their zone-less times placed, then its report. Inside a
 * container (`probe`), a file whose first record is not an event is no log: it is skipped whole.
 * Items travel in batches (a chunk's records) so that each costs no await of its own.
 */
export async function* readLog(
  tally: FileTally,
  bytes: Bytes,
  records: (progress: Progress) => AsyncIterable<RecordItem[]>,
  offset: number | null,
  probe: boolean,
): AsyncIterable<Item[]> {
  const zone = new LocalTimeZone(offset);
  const progress: Progress = { line: 0 };
  let first = probe;
  try {
    for await (const batch of records(progress)) {
      if (first && batch.length && 'malformed' in batch[0]) {
        yield [{ skipped: { name: tally.name, reason: `no log: ${batch[0].malformed.reason}` } }];
        await bytes.close();
        return;
      }
      first &&= batch.length === 0;
      const out: Item[] = [];
      for (const item of batch) {
        if ('event' in item) tally.event(item.event.format);
        else tally.bad(item.malformed);
        zone.push(item, out);
      }
      yield out;
    }
  } catch (error) {
    tally.stopped(errorText(error), { byte: bytes.read, line: progress.line });
  }
  const out: Item[] = [];
  zone.end(out);
  if (bytes.stop) tally.stopped(bytes.stop.reason, { byte: bytes.stop.byte, line: progress.line });
  out.push({ file: tally.report(zone.report()) });
  yield out;
}
