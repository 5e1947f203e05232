import { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { APPLE_DOUBLE, isAppleDouble } from './apple-double';
import { Bytes } from './bytes';
import { countedIn } from './counted-in';
import { errorText } from './error-text';
import { FileTally } from './file-report';
import type { Item } from './read-item';

type ReadEntry = (name: string, bytes: Bytes) => AsyncIterable<Item[]>;

/**
 * Every file of a tar (read as a stream, gzip-compressed or not), each read by its content;
 * AppleDouble entries are skipped and counted. A tar or gzip stream that ends early stops the
 * archive's report, after every complete entry was read.
 */
export async function* readTar(
  name: string,
  parent: string | null,
  bytes: Bytes,
  readEntry: ReadEntry,
  gzip = false,
): AsyncIterable<Item[]> {
  const tally = new FileTally(name, parent, 'tar', gzip);
  const tar = extract();
  Readable.from(bytes).pipe(tar);
  let failure: unknown = null;
  try {
    for await (const entry of tar) {
      const path = entry.header.name;
      const entryName = `${name}!${path}`;
      if (entry.header.type !== 'file' && entry.header.type !== 'contiguous-file') entry.resume();
      else if (isAppleDouble(path)) {
        tally.skip({ name: entryName, reason: APPLE_DOUBLE });
        entry.resume();
      } else
        yield* countedIn(tally, readEntry(entryName, new Bytes(entry as AsyncIterable<Buffer>)));
    }
  } catch (error) {
    failure = error;
  }
  // The stream's own stop (gzip) is the cause of a tar that ends early: it is said first.
  if (bytes.stop) tally.stopped(bytes.stop.reason, { byte: bytes.stop.byte });
  if (failure) tally.stopped(`tar: ${errorText(failure)}`, { byte: bytes.read });
  yield [{ file: tally.report() }];
}
