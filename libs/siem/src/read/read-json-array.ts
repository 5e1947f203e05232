import { parseJsonRecord } from './parse-record';
import { type RecordItem, recordItem } from './read-item';
import type { InputFormat } from './win-event';

/**
 * A JSON array of records (an export, pretty-printed or not), read whole: each element is a record.
 */
export async function* readJsonArray(
  file: string,
  chunks: AsyncIterable<Buffer>,
  format: InputFormat | 'auto',
): AsyncIterable<RecordItem[]> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  let records: unknown;
  try {
    records = JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch (error) {
    yield [{ malformed: { file, line: 1, reason: `bad JSON array: ${(error as Error).message}` } }];
    return;
  }
  if (!Array.isArray(records)) {
    yield [{ malformed: { file, line: 1, reason: 'not a JSON array' } }];
    return;
  }
  yield records.map((record: unknown, i) => {
    const at = { file, line: i + 1 };
    return recordItem(() => parseJsonRecord(record, format, at), at);
  });
}
