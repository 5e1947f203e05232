import { isAscii } from 'node:buffer';

/**
 * The lines of UTF-8 chunks, a batch per chunk: no array of the whole file, and one await per
 * chunk rather than per line. Lines are cut at `\n` bytes, so a character is never split;
 * a `\r` before it is dropped. The unended last line of bytes that `stopped` early is where they
 * stopped, not a line: it is left out.
 */
export async function* lineBatches(
  chunks: AsyncIterable<Buffer>,
  stopped: () => boolean,
): AsyncIterable<string[]> {
  let rest: Buffer[] = [];
  for await (const chunk of chunks) {
    // ASCII (most logs) decodes faster as Latin-1, to the same text.
    const encoding = isAscii(chunk) ? 'latin1' : 'utf8';
    const lines: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      const line = rest.length
        ? Buffer.concat([...rest, chunk.subarray(start, nl)]).toString('utf8')
        : chunk.toString(encoding, start, nl);
      rest = [];
      lines.push(line.endsWith('\r') ? line.slice(0, -1) : line);
      start = nl + 1;
    }
    if (start < chunk.length) rest.push(chunk.subarray(start));
    if (lines.length) yield lines;
  }
  if (rest.length && !stopped()) {
    const line = Buffer.concat(rest).toString('utf8');
    yield [line.endsWith('\r') ? line.slice(0, -1) : line];
  }
}
