import type { Readable } from 'node:stream';

/**
 * What the importer reads: a path, opened by its content (see readInputs), or a named stream (a
 * request body). The name stays for the importer's sake; its lines are no longer split here.
 */
export interface LineSource {
  name: string;
  stream?: Readable;
}

/** A path as a source: files, archives and directories are all opened when it is read. */
export async function* sourcesOf(path: string): AsyncIterable<LineSource> {
  yield { name: path };
}

/** A request body as a source (the HTTP import streams it). */
export function sourceOfStream(name: string, stream: Readable): LineSource {
  return { name, stream };
}
