import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import yauzl from 'yauzl';

/** A text source: a file's lines (gzip and zip read directly, every entry of a zip in turn). */
export interface LineSource {
  name: string;
  lines: AsyncIterable<string>;
}

function linesOf(stream: Readable): AsyncIterable<string> {
  return createInterface({ input: stream, crlfDelay: Infinity });
}

function zipEntries(file: string): AsyncIterable<LineSource> {
  return {
    async *[Symbol.asyncIterator]() {
      const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
        yauzl.open(file, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))),
      );
      try {
        for (;;) {
          const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
            zip.once('entry', resolve);
            zip.once('end', () => resolve(null));
            zip.once('error', reject);
            zip.readEntry();
          });
          if (!entry) return;
          zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
          if (entry.fileName.endsWith('/')) continue;
          const stream = await new Promise<Readable>((resolve, reject) =>
            zip.openReadStream(entry, (e, s) => (e ? reject(e) : resolve(s))),
          );
          const inner = entry.fileName.endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
          yield { name: `${file}!${entry.fileName}`, lines: linesOf(inner) };
        }
      } finally {
        zip.close();
      }
    },
  };
}

/** A binary .evtx file: each record rendered as its `<Event>` XML (one "line" a record). */
function evtxRecords(file: string): AsyncIterable<string> {
  return {
    async *[Symbol.asyncIterator]() {
      const { EvtxFile } = await import('@ts-evtx/core');
      const evtx = await EvtxFile.open(file);
      for (const record of evtx.records()) yield record.renderXml().replace(/\r?\n\s*/g, '');
    },
  };
}

/** The sources of a path: a plain or gzip file is one source, a zip one per entry, an .evtx file its records. */
export async function* sourcesOf(file: string): AsyncIterable<LineSource> {
  if (/\.evtx$/i.test(file)) {
    yield { name: file, lines: evtxRecords(file) };
    return;
  }
  if (/\.zip$/i.test(file)) {
    yield* zipEntries(file);
    return;
  }
  const raw = createReadStream(file);
  yield { name: file, lines: linesOf(/\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw) };
}

/** A request body as one line source (the HTTP import streams NDJSON). */
export function sourceOfStream(name: string, stream: Readable): LineSource {
  return { name, lines: linesOf(stream) };
}
