import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { EventIndexEntry, SimEvent } from '@tokentrail/domain';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS simulations (
  id TEXT PRIMARY KEY, events INTEGER NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL,
  max_at TEXT NOT NULL, last_position TEXT NOT NULL, monotonic INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events_index (
  simulation TEXT NOT NULL, seq INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL,
  occurred_at TEXT NOT NULL, position TEXT NOT NULL, causation_id TEXT, data TEXT NOT NULL,
  PRIMARY KEY (simulation, seq)
);
CREATE INDEX IF NOT EXISTS events_index_id ON events_index (simulation, event_id);
CREATE TABLE IF NOT EXISTS artifacts (
  simulation TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, source_event TEXT NOT NULL,
  principal TEXT NOT NULL, machine TEXT NOT NULL, groups TEXT NOT NULL, sids TEXT,
  from_at TEXT NOT NULL, from_seq INTEGER NOT NULL, to_at TEXT, to_seq INTEGER, ended_by TEXT,
  PRIMARY KEY (simulation, kind, id, source_event)
);
CREATE INDEX IF NOT EXISTS artifacts_time ON artifacts (simulation, from_seq);
CREATE TABLE IF NOT EXISTS truth (
  simulation TEXT NOT NULL, principal_sid TEXT NOT NULL, principal TEXT NOT NULL, groups TEXT,
  from_at TEXT NOT NULL, from_seq INTEGER NOT NULL, to_at TEXT, to_seq INTEGER,
  PRIMARY KEY (simulation, principal_sid, from_seq)
);
CREATE TABLE IF NOT EXISTS snapshots (
  simulation TEXT NOT NULL, seq INTEGER NOT NULL, position TEXT NOT NULL, max_at TEXT NOT NULL, world TEXT NOT NULL,
  PRIMARY KEY (simulation, seq)
);
`;

export interface SimulationRow {
  id: string;
  events: number;
  firstAt: string;
  lastAt: string;
  maxAt: string;
  lastPosition: bigint;
  /** Whether occurredAt never went backwards in log order (then a time query may stop early). */
  monotonic: boolean;
}

export interface SnapshotRow {
  seq: number;
  position: bigint;
  maxAt: string;
  world: string;
}

export interface ArtifactRow {
  kind: string;
  id: string;
  sourceEvent: string;
  principal: string;
  machine: string;
  groups: string[];
  sids: string[] | null;
  fromAt: string;
  fromSeq: number;
  toAt: string | null;
  toSeq: number | null;
  endedBy: string | null;
}

type EventRow = {
  seq: number;
  event_id: string;
  type: string;
  occurred_at: string;
  position: string;
  causation_id: string | null;
  data: string;
};

const toEntry = (r: EventRow): EventIndexEntry => ({
  eventId: r.event_id,
  causationId: r.causation_id,
  type: r.type as EventIndexEntry['type'],
  occurredAt: r.occurred_at,
  seq: r.seq,
  position: BigInt(r.position),
  event: { type: r.type, data: JSON.parse(r.data) } as SimEvent,
});

/**
 * The projections' read model: one SQLite file holding the lineage index, artifact and truth
 * intervals, simulation summaries, world snapshots, and the checkpoint, which moves in the same
 * transaction as the rows it covers (a crash never applies an event twice).
 */
export class ReadModel {
  readonly db: Database.Database;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  /**
   * Runs `work` in one write transaction (taken at once, so two processes projecting into the
   * same file take turns) given the checkpoint as it is then, and moves the checkpoint to the
   * position `work` returns.
   */
  commit(work: (checkpoint: bigint | null) => bigint | null): void {
    this.db
      .transaction(() => {
        const position = work(this.checkpoint());
        if (position !== null) {
          this.db
            .prepare(
              'INSERT INTO checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position',
            )
            .run(position.toString());
        }
      })
      .immediate();
  }

  checkpoint(): bigint | null {
    const row = this.db
      .prepare<[], { position: string }>('SELECT position FROM checkpoint WHERE id = 1')
      .get();
    return row ? BigInt(row.position) : null;
  }

  indexEvent(simulation: string, e: EventIndexEntry): void {
    this.db
      .prepare(
        'INSERT INTO events_index (simulation, seq, event_id, type, occurred_at, position, causation_id, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        simulation,
        e.seq,
        e.eventId,
        e.type,
        e.occurredAt,
        e.position.toString(),
        e.causationId,
        JSON.stringify(e.event.data),
      );
  }

  eventById(simulation: string, eventId: string): EventIndexEntry | undefined {
    const r = this.db
      .prepare<[string, string], EventRow>(
        'SELECT * FROM events_index WHERE simulation = ? AND event_id = ? ORDER BY seq LIMIT 1',
      )
      .get(simulation, eventId);
    return r ? toEntry(r) : undefined;
  }

  /** Indexed events of a simulation after `seq`, in order, in pages. */
  *eventsAfter(simulation: string, seq: number): Generator<EventIndexEntry> {
    const page = this.db.prepare<[string, number], EventRow>(
      'SELECT * FROM events_index WHERE simulation = ? AND seq > ? ORDER BY seq LIMIT 1000',
    );
    for (let rows = page.all(simulation, seq); rows.length > 0; rows = page.all(simulation, seq)) {
      for (const r of rows) yield toEntry(r);
      seq = rows[rows.length - 1].seq;
    }
  }

  upsertSimulation(s: SimulationRow): void {
    this.db
      .prepare(
        `INSERT INTO simulations (id, events, first_at, last_at, max_at, last_position, monotonic) VALUES (@id, @events, @firstAt, @lastAt, @maxAt, @lastPosition, @monotonic)
         ON CONFLICT (id) DO UPDATE SET events = excluded.events, last_at = excluded.last_at, max_at = excluded.max_at, last_position = excluded.last_position, monotonic = excluded.monotonic`,
      )
      .run({ ...s, lastPosition: s.lastPosition.toString(), monotonic: s.monotonic ? 1 : 0 });
  }

  simulations(): SimulationRow[] {
    return this.db
      .prepare<[], Record<string, string | number>>('SELECT * FROM simulations ORDER BY id')
      .all()
      .map(toSimulation);
  }

  simulation(id: string): SimulationRow | null {
    const r = this.db
      .prepare<[string], Record<string, string | number>>('SELECT * FROM simulations WHERE id = ?')
      .get(id);
    return r ? toSimulation(r) : null;
  }

  openArtifact(simulation: string, a: Omit<ArtifactRow, 'toAt' | 'toSeq' | 'endedBy'>): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO artifacts (simulation, kind, id, source_event, principal, machine, groups, sids, from_at, from_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        simulation,
        a.kind,
        a.id,
        a.sourceEvent,
        a.principal,
        a.machine,
        JSON.stringify(a.groups),
        a.sids ? JSON.stringify(a.sids) : null,
        a.fromAt,
        a.fromSeq,
      );
  }

  closeArtifact(
    simulation: string,
    kind: string,
    id: string,
    sourceEvent: string,
    toAt: string,
    toSeq: number,
    endedBy: string | null,
  ): void {
    this.db
      .prepare(
        'UPDATE artifacts SET to_at = ?, to_seq = ?, ended_by = ? WHERE simulation = ? AND kind = ? AND id = ? AND source_event = ? AND to_at IS NULL',
      )
      .run(toAt, toSeq, endedBy, simulation, kind, id, sourceEvent);
  }

  /** Every artifact interval of a simulation, in order of birth (the replay timeline). */
  artifacts(simulation: string): ArtifactRow[] {
    return this.db
      .prepare<[string], Record<string, string | number | null>>(
        'SELECT * FROM artifacts WHERE simulation = ? ORDER BY from_seq, kind, id',
      )
      .all(simulation)
      .map((r) => ({
        kind: r.kind as string,
        id: r.id as string,
        sourceEvent: r.source_event as string,
        principal: r.principal as string,
        machine: r.machine as string,
        groups: JSON.parse(r.groups as string) as string[],
        sids: r.sids ? (JSON.parse(r.sids as string) as string[]) : null,
        fromAt: r.from_at as string,
        fromSeq: r.from_seq as number,
        toAt: (r.to_at as string | null) ?? null,
        toSeq: (r.to_seq as number | null) ?? null,
        endedBy: (r.ended_by as string | null) ?? null,
      }));
  }

  /** Directory truth of a principal changed at `seq`: close its open interval, open a new one. */
  truthChanged(
    simulation: string,
    principalSid: string,
    principal: string,
    groups: string[] | null,
    at: string,
    seq: number,
  ): void {
    this.db
      .prepare(
        'UPDATE truth SET to_at = ?, to_seq = ? WHERE simulation = ? AND principal_sid = ? AND to_at IS NULL',
      )
      .run(at, seq, simulation, principalSid);
    this.db
      .prepare(
        'INSERT INTO truth (simulation, principal_sid, principal, groups, from_at, from_seq) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(simulation, principalSid, principal, groups ? JSON.stringify(groups) : null, at, seq);
  }

  truthIntervals(
    simulation: string,
    principalSid: string,
  ): Array<{ groups: string[] | null; fromAt: string; toAt: string | null }> {
    return this.db
      .prepare<[string, string], { groups: string | null; from_at: string; to_at: string | null }>(
        'SELECT groups, from_at, to_at FROM truth WHERE simulation = ? AND principal_sid = ? ORDER BY from_seq',
      )
      .all(simulation, principalSid)
      .map((r) => ({
        groups: r.groups ? (JSON.parse(r.groups) as string[]) : null,
        fromAt: r.from_at,
        toAt: r.to_at,
      }));
  }

  saveSnapshot(simulation: string, s: SnapshotRow): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO snapshots (simulation, seq, position, max_at, world) VALUES (?, ?, ?, ?, ?)',
      )
      .run(simulation, s.seq, s.position.toString(), s.maxAt, s.world);
  }

  /** The latest snapshot usable for a question: at most `seq` events, all of them at or before `at`. */
  latestSnapshot(simulation: string, limit: { seq?: number; at?: string }): SnapshotRow | null {
    const r = this.db
      .prepare<
        [string, number, string],
        { seq: number; position: string; max_at: string; world: string }
      >(
        'SELECT seq, position, max_at, world FROM snapshots WHERE simulation = ? AND seq <= ? AND max_at <= ? ORDER BY seq DESC LIMIT 1',
      )
      .get(simulation, limit.seq ?? Number.MAX_SAFE_INTEGER, limit.at ?? '9999');
    return r ? { seq: r.seq, position: BigInt(r.position), maxAt: r.max_at, world: r.world } : null;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toSimulation(r: Record<string, string | number>): SimulationRow {
  return {
    id: r.id as string,
    events: r.events as number,
    firstAt: r.first_at as string,
    lastAt: r.last_at as string,
    maxAt: r.max_at as string,
    lastPosition: BigInt(r.last_position),
    monotonic: r.monotonic === 1,
  };
}
