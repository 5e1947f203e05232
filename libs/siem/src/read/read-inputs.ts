import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { InvalidArgument } from '@tokentrail/domain';
import { Bytes } from './bytes';
import { errorText } from './error-text';
import { unreadable } from './file-report';
import type { Item, ReadItem } from './read-item';
import { readContent } from './read-content';
import { readDirectory } from './read-directory';
import type { ReadContext } from './read-log';
import { parseTimezone } from './time-zone';
import { INPUT_FORMATS, type InputFormat } from './win-event';

export interface ReadInputsOptions {
  /** One record format for every JSON record; `auto` (the default) detects it per record. */
  format?: InputFormat | 'auto';
  /** The zone of zone-less local times (`UTC`, `Z`, `±HH:MM`); without it, inferred per file. */
  timezone?: string;
  /** What `-` reads: standard input unless a test gives another stream. */
  stdin?: Readable;
  /** Told the size of each chunk read from a file on disk (as stored: compressed for gzip). */
  onRead?: (bytes: number) => void;
}

/** The options checked: an unknown format or zone is an InvalidArgument naming the option. */
export function readContext(options: ReadInputsOptions): ReadContext {
  const format = options.format ?? 'auto';
  if (format !== 'auto' && !INPUT_FORMATS.includes(format))
    throw new InvalidArgument(
      'format',
      `"${String(format)}" is not one of auto, ${INPUT_FORMATS.join(', ')}`,
    );
  const offset = options.timezone === undefined ? null : parseTimezone(options.timezone);
  return { format, offset, ...(options.onRead ? { onRead: options.onRead } : {}) };
}

async function* counted(
  chunks: AsyncIterable<Buffer>,
  onRead: (bytes: number) => void,
): AsyncIterable<Buffer> {
  for await (const chunk of chunks) {
    onRead(chunk.length);
    yield chunk;
  }
}

const fileBytes = (path: string, onRead?: (bytes: number) => void) => {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  return new Bytes(onRead ? counted(stream, onRead) : stream);
};

/**
 * A path: a directory walked, a file read by its content; one that cannot be opened is reported.
 */
export async function* readPath(
  path: string,
  parent: string | null,
  ctx: ReadContext,
): AsyncIterable<Item[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    yield [{ file: unreadable(path, parent, errorText(error)) }];
    return;
  }
  if (isDirectory) yield* readDirectory(path, parent, (file, dir) => readPath(file, dir, ctx));
  else yield* readContent(path, parent, fileBytes(path, ctx.onRead), ctx, { path });
}

/** A named stream (standard input, a request body) read by its content. */
export function readStream(
  name: string,
  stream: Readable,
  ctx: ReadContext,
): AsyncIterable<Item[]> {
  return readContent(name, null, new Bytes(stream), ctx);
}

/**
 * The importer's entry point: every event of the given inputs, in order, as WinEvents. An input is
 * a log file (Winlogbeat 6/7/8, ECS, NXLog, Sentinel, Splunk, wevtutil XML, binary .evtx, each
 * detected per record), an archive (zip, tar, gzip, nested), a directory (walked), or `-` for
 * standard input. After the events of each file, archive entry, archive and directory comes
 * `{ file }`, its report; a malformed record is `{ malformed }` and reading goes on. Nothing is
 * thrown for a file, only for invalid options (InvalidArgument, before any item).
 */
export async function* readInputs(
  paths: string[],
  options: ReadInputsOptions = {},
): AsyncIterable<ReadItem> {
  for await (const batch of readInputBatches(paths, options)) yield* batch;
}

/**
 * readInputs in the batches the readers make (a chunk's records): one await per batch, not per
 * record, for a caller that keeps up with hundreds of thousands of records a second.
 */
export async function* readInputBatches(
  paths: string[],
  options: ReadInputsOptions = {},
): AsyncIterable<ReadItem[]> {
  const ctx = readContext(options);
  for (const path of paths) {
    const items =
      path === '-'
        ? readStream('-', options.stdin ?? process.stdin, ctx)
        : readPath(path, null, ctx);
    // A named input is never skipped: it gets a report whatever it holds.
    for await (const batch of items)
      yield batch.filter((item): item is ReadItem => !('skipped' in item));
  }
}
