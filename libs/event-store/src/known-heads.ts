/** A stream's last event as a connection last saw it. */
export interface Head {
  revision: number;
  hash: string;
  eventId: string;
}

/**
 * What one connection knows of its store file between appends, so an append need not read it:
 * each stream's head and the log's last position. It holds only committed state, and only while no
 * other connection writes: `revalidate` (called under the write lock) forgets everything once
 * PRAGMA data_version says another connection has committed.
 *
 * An object of its own rather than fields of the store: a store reached through a prototype (a
 * test's `Object.create(store)` wrapper) would otherwise set its own copies of the fields.
 */
export class KnownHeads {
  private readonly heads = new Map<string, Head>();
  private position: number | null = null;
  private version: number | undefined;

  revalidate(version: number): void {
    if (version === this.version) return;
    this.heads.clear();
    this.position = null;
    this.version = version;
  }

  head(stream: string): Head | undefined {
    return this.heads.get(stream);
  }

  /** A head read from the file, or written by a committed append. */
  remember(stream: string, head: Head): void {
    this.heads.set(stream, head);
  }

  forget(stream: string): void {
    this.heads.delete(stream);
  }

  /** The log's last position: read once, then kept. */
  lastPosition(read: () => number): number {
    this.position ??= read();
    return this.position;
  }

  /** After a commit that wrote `head` at `position`. */
  wrote(stream: string, head: Head, position: number): void {
    this.heads.set(stream, head);
    this.position = position;
  }
}
