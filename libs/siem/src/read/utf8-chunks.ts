import type { TextContent } from './sniff';

/** Text bytes as UTF-8 without a byte order mark, whatever their encoding. */
export async function* utf8Chunks(
  bytes: AsyncIterable<Buffer>,
  content: TextContent,
): AsyncIterable<Buffer> {
  if (content.encoding !== 'utf8') {
    const decoder = new TextDecoder(content.encoding);
    for await (const chunk of bytes) yield Buffer.from(decoder.decode(chunk, { stream: true }));
    yield Buffer.from(decoder.decode());
    return;
  }
  let skip = content.bom;
  for await (const chunk of bytes) {
    const dropped = Math.min(skip, chunk.length);
    skip -= dropped;
    if (chunk.length > dropped) yield dropped ? chunk.subarray(dropped) : chunk;
  }
}
