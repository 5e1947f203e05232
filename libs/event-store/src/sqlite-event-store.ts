import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Observable, Subject } from 'rxjs';
import type { EventStore } from './event-store.port';
import type { ChainRow } from './chain-walk';
import { GENESIS_HASH, chainHash } from './hash-chain';
import { pollUntilStopped } from './poll-until-stopped';
import type {
  AppendResult,
  EventMetadata,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  SubscriptionItem,
  VerifyReport,
} from './recorded-event';
import { assertStoreFile, openFailure } from './store-file';
import { StoreUnusable } from './store-unusable.error';
import { verifyLog, type ChainSource, type VerifyLogOptions } from './verify-log';
import type { LogReport } from './log-report';
import { KnownHeads, type Head } from './known-heads';
import { StreamDeleted } from './stream-deleted.error';
import { WalCheckpointer } from './wal-checkpointer';
import { WrongExpectedRevision } from './wrong-expected-revision.error';

/**
 * Reads are paged so no cursor stays open across an `await` (the connection is shared with
 * writers).
 */
const PAGE = 1000;
/** How often a live subscription looks for rows appended by other processes sharing the file. */
const POLL_MS = 250;
/** The layout this version writes (PRAGMA user_version): one hash chain per stream. */
const LAYOUT = 2;
/** Where deletions are recorded, one event each: a stream of the log like the others. */
const DELETIONS = '$deletions';
type Deletion = { stream: string; lastRevision: number; headHash: string; events: number };

const SCHEMA = `
CREATE TABLE events (
  position INTEGER PRIMARY KEY,
  stream TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  event_id TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  correlation_id TEXT,
  causation_id TEXT,
  schema_version INTEGER NOT NULL,
  aggregate TEXT,
  command INTEGER,
  hash TEXT NOT NULL,
  UNIQUE (stream, revision)
);
CREATE TABLE deleted_streams (stream TEXT PRIMARY KEY, position INTEGER NOT NULL);
PRAGMA user_version = ${LAYOUT};
`;

type Row = {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: string;
  event_id: string;
  occurred_at: string;
  recorded_at: string;
  correlation_id: string | null;
  causation_id: string | null;
  schema_version: number;
  aggregate: string | null;
  command: number | null;
  hash: string;
};

const metadataOf = (row: Row): EventMetadata => ({
  eventId: row.event_id,
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  schemaVersion: row.schema_version,
  aggregate: row.aggregate,
  command: row.command,
});

function toRecorded(row: Row): RecordedEvent {
  return {
    streamId: row.stream,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: metadataOf(row),
  };
}

export { StoreUnusable };

/** A store of another layout, refused in one line (`fresh`: an empty file may become a store). */
export function assertLayout(db: Database.Database, file: string, fresh = false): 'empty' | 'ok' {
  const layout = db.pragma('user_version', { simple: true }) as number;
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
    .all();
  if (layout === 0 && tables.length === 0 && fresh) return 'empty';
  if (layout === LAYOUT) return 'ok';
  db.close();
  throw new StoreUnusable(
    layout === 0 && tables.length === 0
      ? `${file} is an empty SQLite database, not a tokentrail store`
      : `${file} was written by tokentrail 0.1 (one stream per aggregate); this version keeps one stream per simulation: run the scenarios or imports again into a new store`,
  );
}

function openDatabase(file: string): Database.Database {
  assertStoreFile(file);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // The backstop only (40 MB of WAL): a WalCheckpointer copies the WAL back from another thread.
    db.pragma('wal_autocheckpoint = 10000');
    // SQLite's own 2 MB page cache, not more: every commit sweeps the cache for pages past the end
    // of the file (pcache1TruncateUnsafe was 4% of an append run with 64 MB), and the log is read
    // in order, from a file the OS caches anyway.
    db.pragma('cache_size = -2000');
  } catch (error) {
    throw openFailure(file, error);
  }
  if (assertLayout(db, file, true) === 'empty') db.exec(SCHEMA);
  return db;
}

/** What an append wrote, to be known once its transaction has committed. */
type Written = { stream: string; head: Head; position: number };

type AppendOutcome = AppendResult & { written: Written | null };

/**
 * The rows as their hash chains commit to them, for verify (which may have opened the file
 * read-only): kept beside the layout, so a change of layout changes this too.
 */
export function sqliteChainSource(db: Database.Database): ChainSource {
  const streams = db.prepare<[], { stream: string }>(
    'SELECT DISTINCT stream FROM events ORDER BY stream',
  );
  const page = db.prepare<[string, number, number], Row>(
    'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?',
  );
  return {
    streams: () => streams.all().map((r) => r.stream),
    page: (stream, fromRevision, limit) => page.all(stream, fromRevision, limit).map(chainRow),
  };
}

function chainRow(row: Row): ChainRow {
  return {
    stream: row.stream,
    revision: row.revision,
    globalPosition: row.position,
    type: row.type,
    dataText: row.data,
    metadata: metadataOf(row),
    hash: row.hash,
  };
}

/**
 * The embedded adapter: one SQLite file (WAL), one transaction per append, a hash chain per stream.
 *
 * Appends keep each stream's head and the log's last position in memory rather than read them
 * from the file every time. Another connection (another process, or another store on the same
 * file) may write in between, so every append first asks SQLite, under the write lock, whether any
 * other connection has committed since (PRAGMA data_version); if one has, everything known is
 * dropped and read again. The UNIQUE (stream, revision) constraint stays the last word: a stream
 * can never fork, whatever a cache says.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'embedded' as const;
  private readonly appended = new Subject<void>();
  private readonly db: Database.Database = openDatabase(this.file);
  private readonly known = new KnownHeads();
  /** An in-memory store has no WAL. */
  private readonly checkpointer = this.file === ':memory:' ? null : new WalCheckpointer(this.file);

  constructor(readonly file: string) {}

  private readonly dataVersion = this.db.prepare<[], number>('PRAGMA data_version').pluck();
  private readonly tip = this.db.prepare<
    [string],
    { revision: number; hash: string; event_id: string }
  >('SELECT revision, hash, event_id FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1');
  private readonly head = this.db.prepare<[], { position: number | null }>(
    'SELECT MAX(position) AS position FROM events',
  );
  private readonly deletedStream = this.db.prepare<[string], { stream: string }>(
    'SELECT stream FROM deleted_streams WHERE stream = ?',
  );
  private readonly idsFrom = this.db.prepare<
    [string, number, number],
    { event_id: string; revision: number; position: number }
  >(
    'SELECT event_id, revision, position FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?',
  );
  private readonly insert = this.db.prepare(
    `INSERT INTO events (position, stream, revision, type, data, event_id, occurred_at, recorded_at,
       correlation_id, causation_id, schema_version, aggregate, command, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  async append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const { written, nextRevision, position } = this.appendTx.immediate(
      stream,
      events,
      options.expectedRevision ?? 'any',
    );
    if (written) this.committed(written);
    return { nextRevision, position };
  }

  /**
   * First thing in a write transaction: forgets what another connection may have made stale.
   * Only committed state is kept from here on (heads read before this transaction writes, heads
   * written once it has committed), so a rollback leaves what is known true.
   */
  private revalidate(): void {
    // The pragma always answers one row.
    this.known.revalidate(this.dataVersion.get() as number);
  }

  /** The stream's committed head (null: no stream yet); refuses a deleted stream. */
  private headOf(stream: string): Head | null {
    const known = this.known.head(stream);
    if (known) return known;
    if (this.deletedStream.get(stream)) throw new StreamDeleted(stream);
    const tip = this.tip.get(stream);
    if (!tip) return null;
    const head = { revision: tip.revision, hash: tip.hash, eventId: tip.event_id };
    this.known.remember(stream, head);
    return head;
  }

  /** Before the transaction writes: the committed last position. */
  private committedPosition(): number {
    return this.known.lastPosition(() => this.head.get()?.position ?? 0);
  }

  /** After a commit: the new head and position are now the file's; subscribers are woken. */
  private committed({ stream, head, position }: Written): void {
    this.known.wrote(stream, head, position);
    this.checkpointer?.start();
    this.appended.next();
  }

  private readonly appendTx = this.db.transaction(
    (stream: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendOutcome => {
      this.revalidate();
      const head = this.headOf(stream);
      const current = head ? BigInt(head.revision) : null;
      const ok =
        expected === 'any' || (expected === 'no_stream' ? current === null : current === expected);
      if (!ok) {
        const replayed = this.alreadyStored(
          stream,
          events,
          expected === 'no_stream' ? 0 : Number(expected) + 1,
        );
        if (replayed) return { ...replayed, written: null };
        throw new WrongExpectedRevision(stream, expected, current ?? 'no_stream');
      }
      // A retry ends with the stream's last event: any other batch is new, with no read needed.
      if (
        expected === 'any' &&
        head !== null &&
        head.eventId === events[events.length - 1].metadata.eventId &&
        head.revision + 1 >= events.length
      ) {
        const replayed = this.alreadyStored(stream, events, head.revision + 1 - events.length);
        if (replayed) return { ...replayed, written: null };
      }
      return this.write(stream, events, head);
    },
  );

  /** Chains and inserts the batch after `head`, inside the append's transaction. */
  private write(
    stream: string,
    events: readonly NewEvent[],
    head: Head | null,
  ): AppendResult & { written: Written } {
    let previous = head?.hash ?? GENESIS_HASH;
    let revision = head?.revision ?? -1;
    let position = this.committedPosition();
    let eventId = '';
    const recordedAt = new Date().toISOString();
    for (const e of events) {
      position++;
      revision++;
      const dataText = e.dataText ?? JSON.stringify(e.data);
      const m = e.metadata;
      eventId = m.eventId ?? randomUUID();
      const metadata: EventMetadata = {
        eventId,
        occurredAt: m.occurredAt,
        recordedAt,
        correlationId: m.correlationId ?? null,
        causationId: m.causationId ?? null,
        schemaVersion: m.schemaVersion,
        aggregate: m.aggregate ?? null,
        command: m.command ?? null,
      };
      previous = chainHash(previous, {
        streamId: stream,
        revision,
        type: e.type,
        dataText,
        metadata,
      });
      this.insert.run(
        position,
        stream,
        revision,
        e.type,
        dataText,
        eventId,
        metadata.occurredAt,
        recordedAt,
        metadata.correlationId,
        metadata.causationId,
        metadata.schemaVersion,
        metadata.aggregate,
        metadata.command,
        previous,
      );
    }
    return {
      nextRevision: BigInt(revision),
      position: BigInt(position),
      written: { stream, head: { revision, hash: previous, eventId }, position },
    };
  }

  /** An idempotent retry: the batch's ids are the stream's events from `revision` on, in order. */
  private alreadyStored(
    stream: string,
    events: readonly NewEvent[],
    revision: number,
  ): AppendResult | null {
    if (events.some((e) => !e.metadata.eventId) || revision < 0) return null;
    const stored = this.idsFrom.all(stream, revision, events.length);
    if (
      stored.length !== events.length ||
      stored.some((s, i) => s.event_id !== events[i].metadata.eventId)
    )
      return null;
    const last = stored[stored.length - 1];
    return { nextRevision: BigInt(last.revision), position: BigInt(last.position) };
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    yield* this.streamPages(stream, options);
  }

  private *streamPages(stream: string, options: ReadStreamOptions): Generator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let cursor = options.from ?? (backwards ? BigInt(Number.MAX_SAFE_INTEGER) : 0n);
    const page = backwards ? this.streamBackwards : this.streamForwards;
    while (remaining > 0) {
      const want = Math.min(PAGE, remaining);
      const rows = page.all(stream, cursor, want);
      for (const row of rows) yield toRecorded(row);
      remaining -= rows.length;
      if (rows.length < want) return;
      const last = BigInt(rows[rows.length - 1].revision);
      cursor = backwards ? last - 1n : last + 1n;
    }
  }

  private readonly streamForwards = this.db.prepare<[string, bigint, number], Row>(
    'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?',
  );
  private readonly streamBackwards = this.db.prepare<[string, bigint, number], Row>(
    'SELECT * FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
  );

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    yield* this.pages(options);
  }

  /**
   * Keyset pagination over the log with every filter in SQL. The record of deletions (stream
   * `$deletions`) is left out, or read beside the filtered events for a subscription.
   */
  private *pages(options: ReadAllOptions, withDeletions = false): Generator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const where: string[] = [backwards ? 'position <= @cursor' : 'position >= @cursor'];
    const params: Record<string, unknown> = {};
    if (options.toPosition !== undefined) {
      where.push(backwards ? 'position >= @to' : 'position <= @to');
      params.to = options.toPosition;
    }
    if (options.untilOccurredAt !== undefined) {
      where.push('occurred_at <= @until');
      params.until = options.untilOccurredAt;
    }
    const match: string[] = ["substr(stream, 1, 1) <> '$'"];
    const prefix = options.filter?.streamPrefix;
    if (prefix) {
      match.push('substr(stream, 1, @prefixLength) = @prefix');
      params.prefix = prefix;
      params.prefixLength = prefix.length;
    }
    const types = options.filter?.eventTypes;
    if (types && types.length > 0) {
      match.push(`type IN (${types.map((_, i) => `@type${i}`).join(', ')})`);
      types.forEach((t, i) => (params[`type${i}`] = t));
    }
    where.push(`((${match.join(' AND ')})${withDeletions ? ` OR stream = '${DELETIONS}'` : ''})`);
    const page = this.db.prepare<[Record<string, unknown>], Row>(
      `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT @limit`,
    );
    let cursor = options.fromPosition ?? (backwards ? BigInt(Number.MAX_SAFE_INTEGER) : 0n);
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    while (remaining > 0) {
      const want = Math.min(PAGE, remaining);
      const rows = page.all({ ...params, cursor, limit: want });
      for (const row of rows) yield toRecorded(row);
      remaining -= rows.length;
      if (rows.length < want) return;
      const last = BigInt(rows[rows.length - 1].position);
      cursor = backwards ? last - 1n : last + 1n;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Observable<SubscriptionItem> {
    return new Observable<SubscriptionItem>((subscriber) => {
      let after = options.fromPosition ?? 0n;
      let caughtUp = false;
      return pollUntilStopped(
        this.appended,
        POLL_MS,
        () => {
          // The head first: every event at or below it is committed, so none is skipped.
          const head = BigInt(this.head.get()?.position ?? 0);
          let n = 0;
          const page = {
            fromPosition: after + 1n,
            toPosition: head,
            filter: options.filter,
            maxCount: PAGE,
          };
          for (const event of this.pages(page, true)) {
            if (event.streamId === DELETIONS) {
              const { stream } = event.data as Deletion;
              subscriber.next({ kind: 'deleted', stream, position: event.position });
            } else {
              subscriber.next({ kind: 'event', event });
            }
            after = event.position;
            n++;
          }
          if (n < PAGE) {
            if (head > after) after = head;
            if (!caughtUp) {
              caughtUp = true;
              subscriber.next({ kind: 'caughtUp', position: after === 0n ? null : after });
            }
          }
          return n === PAGE; // a full page: read again at once
        },
        (error) => subscriber.error(error),
      );
    });
  }

  /**
   * The last event's position, signed heads (`$seals`) aside: they are no event of the log, no
   * subscriber is told of them, and waiting for the projections to reach one would never end.
   */
  async lastPosition(): Promise<bigint | null> {
    const top = this.db
      .prepare<[], { position: number }>(
        "SELECT position FROM events WHERE stream <> '$seals' ORDER BY position DESC LIMIT 1",
      )
      .get();
    return top?.position ? BigInt(top.position) : null;
  }

  /**
   * A deletion removes the stream's rows and appends its record to the stream `$deletions`
   * (chained like any stream): it has a place in the log, so subscribers meet it in order.
   */
  async deleteStream(stream: string): Promise<{ events: number }> {
    const { events, written } = this.deleteTx.immediate(stream);
    this.known.forget(stream);
    if (written) this.committed(written);
    return { events };
  }

  /** The stored rows as the hash chains commit to them. */
  chainSource(): ChainSource {
    return sqliteChainSource(this.db);
  }

  /** Every stream's chain, checked against the signed heads and the recorded deletions. */
  verifyLog(options: VerifyLogOptions = {}): Promise<LogReport> {
    return verifyLog(this.chainSource(), options);
  }

  private readonly deleteTx = this.db.transaction(
    (stream: string): { events: number; written: Written | null } => {
      this.revalidate();
      const tip = this.tip.get(stream);
      if (!tip) return { events: 0, written: null };
      // Read before the rows go, so the record's position is past every event ever stored.
      this.committedPosition();
      const { changes } = this.db.prepare('DELETE FROM events WHERE stream = ?').run(stream);
      const record: Deletion = {
        stream,
        lastRevision: tip.revision,
        headHash: tip.hash,
        events: changes,
      };
      const { written } = this.write(
        DELETIONS,
        [
          {
            type: 'StreamDeleted',
            data: record,
            metadata: { occurredAt: new Date().toISOString(), schemaVersion: 1 },
          },
        ],
        this.headOf(DELETIONS),
      );
      this.db
        .prepare('INSERT INTO deleted_streams (stream, position) VALUES (?, ?)')
        .run(stream, written.position);
      return { events: changes, written };
    },
  );

  async verify(): Promise<VerifyReport> {
    const report = await this.verifyLog();
    const bad = report.streams.find((s) => s.problem);
    return {
      ok: report.ok,
      checked: report.checked,
      heads: report.streams.flatMap((s) =>
        s.head ? [{ stream: s.stream, revision: BigInt(s.head.revision), hash: s.head.hash }] : [],
      ),
      ...(bad?.problem
        ? {
            firstBad: {
              stream: bad.stream,
              revision: BigInt(bad.problem.revision),
              position: BigInt(bad.problem.globalPosition ?? 0),
            },
          }
        : {}),
      ...(report.ok ? {} : { reason: report.problems[0] }),
    };
  }

  async close(): Promise<void> {
    this.appended.complete();
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }
}
