import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { APPLE_DOUBLE, isAppleDouble } from './apple-double';
import { countedIn } from './counted-in';
import { errorText } from './error-text';
import { FileTally } from './file-report';
import type { Item } from './read-item';

type ReadFile = (path: string, directory: string) => AsyncIterable<Item[]>;

/**
 * Every file under a directory, in name order, each read by its content (logs, archives); the
 * rest is skipped and counted. Links to directories are not followed (a loop would never end).
 */
export async function* readDirectory(
  path: string,
  parent: string | null,
  readFile: ReadFile,
): AsyncIterable<Item[]> {
  const tally = new FileTally(path, parent, 'directory');
  async function* walk(dir: string): AsyncIterable<Item[]> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (dir === path) tally.unreadable(errorText(error));
      else tally.stopped(`${dir} not read: ${errorText(error)}`, {});
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = join(dir, e.name);
      if (isAppleDouble(full)) yield [{ skipped: { name: full, reason: APPLE_DOUBLE } }];
      else if (e.isDirectory()) yield* walk(full);
      else if (e.isFile()) yield* readFile(full, path);
      else if (e.isSymbolicLink()) {
        const target = await stat(full).catch(() => null);
        if (target?.isFile()) yield* readFile(full, path);
        else
          yield [
            {
              skipped: {
                name: full,
                reason: target ? 'a link to a directory: not followed' : 'a broken link',
              },
            },
          ];
      } else yield [{ skipped: { name: full, reason: 'not a regular file' } }];
    }
  }
  yield* countedIn(tally, walk(path));
  yield [{ file: tally.report() }];
}
