import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Bytes } from './bytes';
import { errorText } from './error-text';

/**
 * The decompressed bytes of gzip bytes. Everything zlib could inflate comes out; a stream that
 * ends early (zlib's Z_BUF_ERROR "unexpected end of file") is a stop at the compressed byte
 * where the input ran out, not an exception.
 */
export function gunzip(compressed: Bytes): Bytes {
  const inflated = pipeline(Readable.from(compressed), createGunzip(), () => {});
  const out: Bytes = new Bytes(
    inflated,
    (error) =>
      compressed.stop ?? {
        reason: `gzip: ${errorText(error)} at compressed byte ${compressed.read} (${out.read} bytes inflated)`,
        byte: compressed.read,
      },
  );
  return out;
}
