import { lineBatches } from './line-batches';
import { parseJsonRecord } from './parse-record';
import { type Progress, type RecordItem, malformedItem } from './read-item';
import type { InputFormat } from './win-event';

/**
 * JSON lines (NDJSON): each line parsed once, blank lines passed over, a bad line reported by
 * number.
 */
export async function* readJsonLines(
  file: string,
  chunks: AsyncIterable<Buffer>,
  format: InputFormat | 'auto',
  progress: Progress,
  stopped: () => boolean,
): AsyncIterable<RecordItem[]> {
  let n = 0;
  for await (const lines of lineBatches(chunks, stopped)) {
    const items: RecordItem[] = [];
    for (const line of lines) {
      const at = { file, line: ++n };
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (error) {
        if (line.trim() !== '')
          items.push({ malformed: { ...at, reason: `bad JSON: ${(error as Error).message}` } });
        continue;
      }
      try {
        items.push({ event: parseJsonRecord(record, format, at) });
      } catch (error) {
        items.push(malformedItem(error, at));
      }
    }
    progress.line = n;
    yield items;
  }
}
