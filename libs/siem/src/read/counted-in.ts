import type { FileTally } from './file-report';
import type { Item } from './read-item';

/** A container's children passed on, their skips and reports counted in the container's tally. */
export async function* countedIn(
  tally: FileTally,
  batches: AsyncIterable<Item[]>,
): AsyncIterable<Item[]> {
  for await (const batch of batches) {
    const out: Item[] = [];
    for (const item of batch) {
      // A nested container counts its own skips: any that come here are this container's.
      if ('skipped' in item) tally.skip(item.skipped);
      else {
        if ('file' in item && item.file.parent === tally.name) tally.child(item.file);
        out.push(item);
      }
    }
    yield out;
  }
}
