import type { Bytes } from './bytes';
import { FileTally, unreadable } from './file-report';
import { gunzip } from './gunzip';
import type { Item, Progress } from './read-item';
import { readEvtx } from './read-evtx';
import { readJsonArray } from './read-json-array';
import { readJsonLines } from './read-json-lines';
import { type ReadContext, readLog } from './read-log';
import { readTar } from './read-tar';
import { readXmlEvents } from './read-xml-events';
import { readZip, zipOfBuffer, zipOfPath } from './read-zip';
import { HEAD_BYTES, sniff, type TextContent } from './sniff';
import { utf8Chunks } from './utf8-chunks';

/** Where the bytes came from: a file on disk (a zip is then read in place), and through gzip. */
interface Origin {
  path?: string;
  gzip?: boolean;
}

/**
 * A file or entry read by what its first bytes say: gzip is inflated, an archive opened, a log
 * read; anything else is skipped inside a container, reported as no log when the caller named it.
 */
export async function* readContent(
  name: string,
  parent: string | null,
  bytes: Bytes,
  ctx: ReadContext,
  origin: Origin = {},
): AsyncIterable<Item[]> {
  const head = await bytes.head(HEAD_BYTES);
  if (bytes.stop && head.length === 0) {
    yield [{ file: unreadable(name, parent, bytes.stop.reason) }];
    return;
  }
  const content = sniff(head);
  const probe = parent !== null;
  const gzip = origin.gzip ?? false;
  const entry = (entryName: string, entryBytes: Bytes) =>
    readContent(entryName, name, entryBytes, ctx);
  switch (content.kind) {
    case 'gzip':
      yield* readContent(name, parent, gunzip(bytes), ctx, { gzip: true });
      return;
    case 'tar':
      yield* readTar(name, parent, bytes, entry, gzip);
      return;
    case 'zip':
      if (origin.path && !gzip) await bytes.close();
      yield* readZip(
        name,
        parent,
        origin.path && !gzip ? zipOfPath(origin.path) : zipOfBuffer(await bytes.all()),
        entry,
        gzip,
      );
      return;
    case 'evtx': {
      const all = await bytes.all();
      yield* readLog(
        new FileTally(name, parent, 'log', gzip),
        bytes,
        (p) => readEvtx(name, all, p),
        ctx.offset,
        probe,
      );
      return;
    }
    case 'text':
      yield* readLog(
        new FileTally(name, parent, 'log', gzip),
        bytes,
        (p) => textRecords(name, bytes, content, ctx, p),
        ctx.offset,
        probe,
      );
      return;
    case 'empty':
      yield* noLog(name, parent, bytes, gzip, 'empty');
      return;
    case 'other':
      yield* noLog(name, parent, bytes, gzip, `no log: ${content.what} content`);
      return;
  }
}

/**
 * Content that is no log: skipped inside a container, a report of no readable record when named.
 */
async function* noLog(
  name: string,
  parent: string | null,
  bytes: Bytes,
  gzip: boolean,
  why: string,
): AsyncIterable<Item[]> {
  await bytes.close();
  if (parent !== null) yield [{ skipped: { name, reason: why } }];
  else {
    const tally = new FileTally(name, parent, 'log', gzip);
    tally.nothingBecause(why);
    yield [{ file: tally.report() }];
  }
}

function textRecords(
  name: string,
  bytes: Bytes,
  content: TextContent,
  ctx: ReadContext,
  progress: Progress,
) {
  const chunks = utf8Chunks(bytes, content);
  const stopped = () => bytes.stop !== null;
  if (content.first === '[') return readJsonArray(name, chunks, ctx.format);
  if (content.first === '<') return readXmlEvents(name, chunks, progress, stopped);
  return readJsonLines(name, chunks, ctx.format, progress, stopped);
}
