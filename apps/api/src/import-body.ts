import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLargeException } from '@nestjs/common';

export interface SpooledBody {
  records: number;
  open(): Readable;
  remove(): Promise<void>;
}

/**
 * An import body written to a temporary file while its records (lines) are counted, so a body
 * over either limit is refused (413) before anything is appended, and memory stays flat however
 * large the body is.
 */
export async function spoolImportBody(
  body: Readable & { headers?: Record<string, string | string[] | undefined> },
  limits: { maxBytes: number; maxRecords: number },
): Promise<SpooledBody> {
  const declared = Number(body.headers?.['content-length'] ?? 0);
  if (declared > limits.maxBytes) {
    body.resume();
    throw new PayloadTooLargeException(
      `an import body is at most ${limits.maxBytes} bytes (TOKENTRAIL_MAX_IMPORT_BODY)`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'tokentrail-import-'));
  const file = join(dir, 'body.ndjson');
  const remove = () => rm(dir, { recursive: true, force: true });
  let bytes = 0;
  let records = 0;
  let lineOpen = false;
  const tooLarge = (what: string) => new PayloadTooLargeException(what);
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limits.maxBytes)
        return done(
          tooLarge(
            `an import body is at most ${limits.maxBytes} bytes (TOKENTRAIL_MAX_IMPORT_BODY)`,
          ),
        );
      for (const byte of chunk) {
        if (byte === 0x0a) {
          if (lineOpen) records++;
          lineOpen = false;
        } else if (byte !== 0x0d && byte !== 0x20) lineOpen = true;
      }
      if (records + (lineOpen ? 1 : 0) > limits.maxRecords)
        return done(
          tooLarge(
            `an import request holds at most ${limits.maxRecords} records (TOKENTRAIL_MAX_IMPORT_RECORDS)`,
          ),
        );
      done(null, chunk);
    },
  });
  try {
    // The request is read, not destroyed, on a refusal: its socket must stay to carry the 413.
    await pipeline(body.iterator({ destroyOnReturn: false }), count, createWriteStream(file));
  } catch (error) {
    body.resume();
    await remove();
    throw error;
  }
  if (lineOpen) records++;
  return { records, open: () => createReadStream(file), remove };
}
