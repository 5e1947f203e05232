import { parseEventXml } from './parse-evtx-xml';
import { RecordInvalid, parseJsonRecord } from './parse-record';
import type { LineSource } from './read-sources';
import type { InputFormat, Malformed, WinEvent } from './win-event';

export interface ReadOptions {
  format: InputFormat | 'auto';
  /** The zone of OTRF `EventTime` (local time without zone): `UTC` or `±HH:MM`. */
  zone: string;
}

type Item = { event: WinEvent } | { malformed: Malformed };

/**
 * The events of one source, one at a time: JSON lines (Winlogbeat, ECS, OTRF), a JSON array
 * (read whole: such files are small exports), or `wevtutil … /f:xml` output. A line that
 * cannot be read is reported with its number and skipped.
 */
export async function* readEvents(source: LineSource, options: ReadOptions): AsyncIterable<Item> {
  let n = 0;
  let xml: string[] | null = null;
  let xmlStart = 0;
  let array: string[] | null = null;
  const one = (record: unknown, line: number): Item => {
    try {
      return {
        event: parseJsonRecord(
          record,
          options.format === 'evtx-xml' ? 'auto' : options.format,
          { file: source.name, line },
          options.zone,
        ),
      };
    } catch (error) {
      if (error instanceof RecordInvalid)
        return { malformed: { file: source.name, line, reason: error.message } };
      throw error;
    }
  };
  for await (const raw of source.lines) {
    n += 1;
    const line = raw.trim();
    if (array) {
      array.push(raw);
      continue;
    }
    if (xml) {
      xml.push(raw);
      if (line.includes('</Event>')) {
        yield xmlItem(xml.join('\n'), source.name, xmlStart);
        xml = null;
      }
      continue;
    }
    if (!line || line.startsWith('<?xml') || line === '<Events>' || line === '</Events>') continue;
    if (n === 1 && line.startsWith('[')) {
      array = [raw];
      continue;
    }
    if (line.startsWith('<Event')) {
      // Several events may share a line; one element may span lines.
      const parts = line.split(/(?<=<\/Event>)/);
      for (const part of parts) {
        if (part.includes('</Event>')) yield xmlItem(part, source.name, n);
        else if (part.trim()) {
          xml = [part];
          xmlStart = n;
        }
      }
      continue;
    }
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      yield {
        malformed: { file: source.name, line: n, reason: `bad JSON: ${(error as Error).message}` },
      };
      continue;
    }
    yield one(record, n);
  }
  if (xml)
    yield {
      malformed: { file: source.name, line: xmlStart, reason: 'an <Event> element is not closed' },
    };
  if (array) {
    let records: unknown;
    try {
      records = JSON.parse(array.join('\n'));
    } catch (error) {
      yield {
        malformed: {
          file: source.name,
          line: 1,
          reason: `bad JSON array: ${(error as Error).message}`,
        },
      };
      return;
    }
    if (!Array.isArray(records)) {
      yield { malformed: { file: source.name, line: 1, reason: 'not a JSON array' } };
      return;
    }
    for (const [i, record] of records.entries()) yield one(record, i + 1);
  }
}

function xmlItem(text: string, file: string, line: number): Item {
  try {
    return { event: parseEventXml(text, { file, line }) };
  } catch (error) {
    if (error instanceof RecordInvalid) return { malformed: { file, line, reason: error.message } };
    throw error;
  }
}
