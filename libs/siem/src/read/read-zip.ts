import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { APPLE_DOUBLE, isAppleDouble } from './apple-double';
import { Bytes } from './bytes';
import { countedIn } from './counted-in';
import { errorText } from './error-text';
import { FileTally, unreadable } from './file-report';
import type { Item } from './read-item';

type ReadEntry = (name: string, bytes: Bytes) => AsyncIterable<Item[]>;

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const done = (entry: yauzl.Entry | null, error?: Error) => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      if (error) reject(error);
      else resolve(entry);
    };
    const onEntry = (entry: yauzl.Entry) => done(entry);
    const onEnd = () => done(null);
    const onError = (error: Error) => done(null, error);
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

/**
 * Every entry of a zip (from its path, or from bytes when it came from a stream or another
 * archive), each read by its content; AppleDouble entries are skipped and counted.
 */
export async function* readZip(
  name: string,
  parent: string | null,
  open: () => Promise<yauzl.ZipFile>,
  readEntry: ReadEntry,
  gzip = false,
): AsyncIterable<Item[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open();
  } catch (error) {
    yield [{ file: unreadable(name, parent, `not a readable zip: ${errorText(error)}`, 'zip') }];
    return;
  }
  const tally = new FileTally(name, parent, 'zip', gzip);
  let entries = 0;
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      entries += 1;
      if (entry.fileName.endsWith('/')) continue;
      const entryName = `${name}!${entry.fileName}`;
      if (isAppleDouble(entry.fileName)) {
        tally.skip({ name: entryName, reason: APPLE_DOUBLE });
        continue;
      }
      const stream = await new Promise<Readable | Error>((resolve) =>
        zip.openReadStream(entry, (e, s) => resolve(e ?? s)),
      );
      // An entry zip cannot open (an unknown compression method) is reported; the others are read.
      if (stream instanceof Error) {
        const report = unreadable(entryName, name, `zip: ${errorText(stream)}`);
        tally.child(report);
        yield [{ file: report }];
      } else yield* countedIn(tally, readEntry(entryName, new Bytes(stream)));
    }
  } catch (error) {
    tally.stopped(`zip: ${errorText(error)} (after ${entries} entries)`, {});
  } finally {
    zip.close();
  }
  yield [{ file: tally.report() }];
}

export const zipOfPath = (path: string) => () =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))),
  );

export const zipOfBuffer = (buffer: Buffer) => () =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))),
  );
