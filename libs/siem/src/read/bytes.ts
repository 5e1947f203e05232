import { errorText } from './error-text';

/** Where and why the bytes of a file stopped before its end. */
export interface Stop {
  reason: string;
  /** Bytes of the file (as stored) read before it stopped. */
  byte: number;
}

/**
 * The bytes of one file or entry, counted. A read error ends them cleanly and is kept as `stop`:
 * what came before is still read, and the report says where and why it stopped.
 */
export class Bytes implements AsyncIterable<Buffer> {
  read = 0;
  stop: Stop | null = null;
  private readonly source: AsyncIterator<Buffer>;
  private readonly held: Buffer[] = [];
  private done = false;

  constructor(
    source: AsyncIterable<Buffer>,
    private readonly why: (error: unknown) => Stop = (e) => ({
      reason: errorText(e),
      byte: this.read,
    }),
  ) {
    this.source = source[Symbol.asyncIterator]();
  }

  /** The first `n` bytes (fewer when there are fewer), still to be read. */
  async head(n: number): Promise<Buffer> {
    let have = this.held.reduce((sum, b) => sum + b.length, 0);
    while (have < n) {
      const chunk = await this.pull();
      if (!chunk) break;
      this.held.push(chunk);
      have += chunk.length;
    }
    return Buffer.concat(this.held).subarray(0, n);
  }

  /** All of it in memory: for the formats that need random access (zip from a stream, .evtx). */
  async all(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    try {
      for (;;) {
        const chunk = this.held.shift() ?? (await this.pull());
        if (!chunk) return;
        yield chunk;
      }
    } finally {
      await this.close();
    }
  }

  /** Stop reading (a file found to be no log): the file is closed. */
  async close(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.source.return?.();
  }

  private async pull(): Promise<Buffer | null> {
    if (this.done) return null;
    try {
      const next = await this.source.next();
      if (next.done) {
        this.done = true;
        return null;
      }
      this.read += next.value.length;
      return next.value;
    } catch (error) {
      this.done = true;
      this.stop = this.why(error);
      return null;
    }
  }
}
