import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Observable, Subject } from 'rxjs';
import type { EventStore } from './event-store.port';
import { GENESIS_HASH, chainHash } from './hash-chain';
import type {
  AppendResult,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  SubscriptionItem,
  VerifyReport,
} from './recorded-event';
import { WrongExpectedRevision } from './wrong-expected-revision.error';
import { pollUntilStopped } from './poll-until-stopped';

/** Reads are paged so no cursor stays open across an `await` (the connection is shared with writers). */
const PAGE = 1000;
/** How often a live subscription looks for rows appended by other processes sharing the file. */
const POLL_MS = 250;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  stream_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  event_id TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  correlation_id TEXT,
  causation_id TEXT,
  schema_version INTEGER NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (stream_id, revision),
  UNIQUE (stream_id, event_id)
);
CREATE INDEX IF NOT EXISTS events_occurred_at ON events (occurred_at);
`;

type Row = {
  position: number;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  event_id: string;
  occurred_at: string;
  recorded_at: string;
  correlation_id: string | null;
  causation_id: string | null;
  schema_version: number;
  hash: string;
};

function toRecorded(row: Row): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    type: row.type,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: {
      eventId: row.event_id,
      occurredAt: row.occurred_at,
      recordedAt: row.recorded_at,
      correlationId: row.correlation_id,
      causationId: row.causation_id,
      schemaVersion: row.schema_version,
    },
  };
}

function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}

/** The embedded adapter: one SQLite file (WAL), one transaction per append, a hash chain over the log. */
export class SqliteEventStore implements EventStore {
  readonly kind = 'embedded' as const;
  private readonly appended = new Subject<void>();
  private readonly db: Database.Database = openDatabase(this.file);

  constructor(readonly file: string) {}

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

  private readonly findByEventId = this.db.prepare<
    [string, string],
    { revision: number; position: number }
  >('SELECT revision, position FROM events WHERE stream_id = ? AND event_id = ?');
  private readonly currentRevision = this.db.prepare<[string], { revision: number | null }>(
    'SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?',
  );
  private readonly head = this.db.prepare<[], { position: number; hash: string }>(
    'SELECT position, hash FROM events ORDER BY position DESC LIMIT 1',
  );
  private readonly insert = this.db.prepare(
    `INSERT INTO events (position, stream_id, revision, type, data, event_id, occurred_at, recorded_at,
       correlation_id, causation_id, schema_version, hash)
     VALUES (@position, @stream_id, @revision, @type, @data, @event_id, @occurred_at, @recorded_at,
       @correlation_id, @causation_id, @schema_version, @hash)`,
  );

  private readonly appendTx = this.db.transaction(
    (stream: string, events: readonly NewEvent[], expected: ExpectedRevision) => {
      const retried = this.alreadyStored(stream, events);
      if (retried) return { ...retried, replayed: true };
      const current = this.currentRevision.get(stream)?.revision ?? null;
      const actual = current === null ? ('no_stream' as const) : BigInt(current);
      const ok =
        expected === 'any' ||
        (expected === 'no_stream'
          ? current === null
          : current !== null && BigInt(current) === expected);
      if (!ok) throw new WrongExpectedRevision(stream, expected, actual);

      const top = this.head.get();
      let previousHash = top?.hash ?? GENESIS_HASH;
      let position = BigInt(top?.position ?? 0);
      let revision = current === null ? -1n : BigInt(current);
      const recordedAt = new Date().toISOString();
      for (const e of events) {
        position += 1n;
        revision += 1n;
        const recorded: RecordedEvent = {
          streamId: stream,
          revision,
          position,
          type: e.type,
          data: e.data,
          metadata: {
            eventId: e.metadata.eventId ?? randomUUID(),
            occurredAt: e.metadata.occurredAt,
            recordedAt,
            correlationId: e.metadata.correlationId ?? null,
            causationId: e.metadata.causationId ?? null,
            schemaVersion: e.metadata.schemaVersion,
          },
        };
        previousHash = chainHash(previousHash, recorded);
        this.insert.run({
          position,
          stream_id: stream,
          revision,
          type: e.type,
          data: JSON.stringify(e.data),
          event_id: recorded.metadata.eventId,
          occurred_at: recorded.metadata.occurredAt,
          recorded_at: recordedAt,
          correlation_id: recorded.metadata.correlationId,
          causation_id: recorded.metadata.causationId,
          schema_version: recorded.metadata.schemaVersion,
          hash: previousHash,
        });
      }
      return { nextRevision: revision, position, replayed: false };
    },
  );

  /** An idempotent retry: every event id of the batch is already in the stream. */
  private alreadyStored(stream: string, events: readonly NewEvent[]): AppendResult | null {
    let last: AppendResult | null = null;
    for (const e of events) {
      const id = e.metadata.eventId;
      const found = id ? this.findByEventId.get(stream, id) : undefined;
      if (!found) return null;
      last = { nextRevision: BigInt(found.revision), position: BigInt(found.position) };
    }
    return last;
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let cursor = options.from ?? (backwards ? BigInt(Number.MAX_SAFE_INTEGER) : 0n);
    const sql = backwards
      ? 'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?'
      : 'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?';
    const page = this.db.prepare<[string, bigint, number], Row>(sql);
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

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    yield* this.pages(options);
  }

  /** Keyset pagination over the log with every filter in SQL. */
  private *pages(options: ReadAllOptions): Generator<RecordedEvent> {
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
    const prefix = options.filter?.streamPrefix;
    if (prefix) {
      where.push('substr(stream_id, 1, @prefixLength) = @prefix');
      params.prefix = prefix;
      params.prefixLength = prefix.length;
    }
    const types = options.filter?.eventTypes;
    if (types && types.length > 0) {
      where.push(`type IN (${types.map((_, i) => `@type${i}`).join(', ')})`);
      types.forEach((t, i) => (params[`type${i}`] = t));
    }
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
          let n = 0;
          for (const event of this.pages({
            fromPosition: after + 1n,
            filter: options.filter,
            maxCount: PAGE,
          })) {
            subscriber.next({ kind: 'event', event });
            after = event.position;
            n++;
          }
          if (n < PAGE && !caughtUp) {
            caughtUp = true;
            subscriber.next({ kind: 'caughtUp', position: after === 0n ? null : after });
          }
          return n === PAGE; // a full page: read again at once
        },
        (error) => subscriber.error(error),
      );
    });
  }

  async lastPosition(): Promise<bigint | null> {
    const top = this.head.get();
    return top ? BigInt(top.position) : null;
  }

  async verify(): Promise<VerifyReport> {
    let previous = GENESIS_HASH;
    let checked = 0;
    const page = this.db.prepare<[bigint, number], Row>(
      'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
    );
    let cursor = 0n;
    for (;;) {
      const rows = page.all(cursor, PAGE);
      for (const row of rows) {
        let expected: string;
        try {
          expected = chainHash(previous, toRecorded(row));
        } catch (error) {
          return {
            ok: false,
            checked,
            firstBadPosition: BigInt(row.position),
            reason: `unreadable event: ${(error as Error).message}`,
          };
        }
        if (expected !== row.hash) {
          return {
            ok: false,
            checked,
            firstBadPosition: BigInt(row.position),
            reason: 'stored hash does not match the event',
          };
        }
        previous = row.hash;
        checked++;
      }
      if (rows.length < PAGE) return { ok: true, checked };
      cursor = BigInt(rows[rows.length - 1].position);
    }
  }

  async close(): Promise<void> {
    this.appended.complete();
    if (this.db.open) this.db.close();
  }
}
