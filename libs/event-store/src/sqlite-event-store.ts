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
import { StreamDeleted } from './stream-deleted.error';
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
    // Fewer, larger checkpoints (40 MB of WAL): appends of whole commands write megabytes at once.
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma('cache_size = -65536');
  } catch (error) {
    throw openFailure(file, error);
  }
  if (assertLayout(db, file, true) === 'empty') db.exec(SCHEMA);
  return db;
}

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
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'embedded' as const;
  private readonly appended = new Subject<void>();
  private readonly db: Database.Database = openDatabase(this.file);

  constructor(readonly file: string) {}

  private readonly tip = this.db.prepare<
    [string],
    { revision: number; hash: string; position: number }
  >('SELECT revision, hash, position FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1');
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
    const result = this.appendTx.immediate(stream, events, options.expectedRevision ?? 'any');
    if (!result.replayed) this.appended.next();
    return { nextRevision: result.nextRevision, position: result.position };
  }

  private readonly appendTx = this.db.transaction(
    (stream: string, events: readonly NewEvent[], expected: ExpectedRevision) => {
      if (this.deletedStream.get(stream)) throw new StreamDeleted(stream);
      const tip = this.tip.get(stream);
      const current = tip ? BigInt(tip.revision) : null;
      const ok =
        expected === 'any' || (expected === 'no_stream' ? current === null : current === expected);
      if (!ok) {
        const replayed = this.alreadyStored(
          stream,
          events,
          expected === 'no_stream' ? 0 : Number(expected) + 1,
        );
        if (replayed) return { ...replayed, replayed: true };
        throw new WrongExpectedRevision(stream, expected, current ?? 'no_stream');
      }
      if (expected === 'any' && current !== null && current + 1n >= BigInt(events.length)) {
        const replayed = this.alreadyStored(stream, events, Number(current) + 1 - events.length);
        if (replayed) return { ...replayed, replayed: true };
      }
      let previous = tip?.hash ?? GENESIS_HASH;
      let position = BigInt(this.head.get()?.position ?? 0);
      let revision = current ?? -1n;
      const recordedAt = new Date().toISOString();
      for (const e of events) {
        position += 1n;
        revision += 1n;
        const dataText = e.dataText ?? JSON.stringify(e.data);
        const m = e.metadata;
        const metadata: EventMetadata = {
          eventId: m.eventId ?? randomUUID(),
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
          metadata.eventId,
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
      return { nextRevision: revision, position, replayed: false };
    },
  );

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
    const deleted = this.db
      .transaction(() => {
        const tip = this.tip.get(stream);
        if (!tip) return 0;
        const { changes } = this.db.prepare('DELETE FROM events WHERE stream = ?').run(stream);
        const record: Deletion = {
          stream,
          lastRevision: tip.revision,
          headHash: tip.hash,
          events: changes,
        };
        const { position } = this.appendTx(
          DELETIONS,
          [
            {
              type: 'StreamDeleted',
              data: record,
              metadata: { occurredAt: new Date().toISOString(), schemaVersion: 1 },
            },
          ],
          'any',
        );
        this.db
          .prepare('INSERT INTO deleted_streams (stream, position) VALUES (?, ?)')
          .run(stream, position);
        return changes;
      })
      .immediate();
    this.appended.next();
    return { events: deleted };
  }

  /** The stored rows as the hash chains commit to them. */
  chainSource(): ChainSource {
    return sqliteChainSource(this.db);
  }

  /** Every stream's chain, checked against the signed heads and the recorded deletions. */
  verifyLog(options: VerifyLogOptions = {}): Promise<LogReport> {
    return verifyLog(this.chainSource(), options);
  }

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
    if (this.db.open) this.db.close();
  }
}
