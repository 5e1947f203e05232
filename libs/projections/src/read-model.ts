import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Envelope, RunEvent, SimEvent } from '@tokentrail/domain';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS simulations (
  id TEXT PRIMARY KEY, events INTEGER NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL,
  max_at TEXT NOT NULL, last_position TEXT NOT NULL, monotonic INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
  simulation TEXT NOT NULL, run TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, commands INTEGER,
  started_at TEXT NOT NULL, completed INTEGER NOT NULL,
  PRIMARY KEY (simulation, run)
);
CREATE TABLE IF NOT EXISTS events_index (
  simulation TEXT NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL,
  occurred_at TEXT NOT NULL, global_position TEXT NOT NULL, causation_id TEXT, correlation_id TEXT,
  command INTEGER, data TEXT NOT NULL,
  PRIMARY KEY (simulation, position)
);
CREATE INDEX IF NOT EXISTS events_index_id ON events_index (simulation, event_id);
CREATE TABLE IF NOT EXISTS artifacts (
  simulation TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, source_event TEXT NOT NULL,
  principal TEXT NOT NULL, machine TEXT NOT NULL, groups TEXT NOT NULL, sids TEXT,
  from_at TEXT NOT NULL, from_position INTEGER NOT NULL, to_at TEXT, to_position INTEGER, ended_by TEXT,
  PRIMARY KEY (simulation, kind, id, source_event)
);
CREATE INDEX IF NOT EXISTS artifacts_time ON artifacts (simulation, from_position);
CREATE TABLE IF NOT EXISTS truth (
  simulation TEXT NOT NULL, principal_sid TEXT NOT NULL, principal TEXT NOT NULL, groups TEXT,
  from_at TEXT NOT NULL, from_position INTEGER NOT NULL, to_at TEXT, to_position INTEGER,
  PRIMARY KEY (simulation, principal_sid, from_position)
);
CREATE TABLE IF NOT EXISTS snapshots (
  simulation TEXT NOT NULL, position INTEGER NOT NULL, global_position TEXT NOT NULL,
  max_at TEXT NOT NULL, world TEXT NOT NULL,
  PRIMARY KEY (simulation, position)
);
`;

export type SimulationStatus = 'complete' | 'incomplete';

export interface SimulationRow {
  id: string;
  events: number;
  firstAt: string;
  lastAt: string;
  maxAt: string;
  lastPosition: bigint;
  /** Whether occurredAt never went backwards in log order (then a time query may stop early). */
  monotonic: boolean;
  status: SimulationStatus;
}

export interface SnapshotRow {
  position: number;
  globalPosition: bigint;
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
  fromPosition: number;
  toAt: string | null;
  toPosition: number | null;
  endedBy: string | null;
}

/** A simulation's summary, and whether a run of it started and never completed. */
const SIMULATIONS = `SELECT s.*, CASE WHEN EXISTS (SELECT 1 FROM runs r WHERE r.simulation = s.id AND r.completed = 0)
  THEN 'incomplete' ELSE 'complete' END AS status FROM simulations s`;

type EventRow = {
  position: number;
  event_id: string;
  type: string;
  occurred_at: string;
  global_position: string;
  causation_id: string | null;
  correlation_id: string | null;
  command: number | null;
  data: string;
};

const toEnvelope = (r: EventRow): Envelope => ({
  event: { type: r.type, data: JSON.parse(r.data) } as SimEvent,
  eventId: r.event_id,
  causationId: r.causation_id,
  correlationId: r.correlation_id,
  occurredAt: r.occurred_at,
  position: r.position,
  globalPosition: BigInt(r.global_position),
  command: r.command,
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

  indexEvent(simulation: string, e: Envelope): void {
    this.db
      .prepare(
        'INSERT INTO events_index (simulation, position, event_id, type, occurred_at, global_position, causation_id, correlation_id, command, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        simulation,
        e.position,
        e.eventId,
        e.event.type,
        e.occurredAt,
        e.globalPosition.toString(),
        e.causationId,
        e.correlationId,
        e.command,
        JSON.stringify(e.event.data),
      );
  }

  eventById(simulation: string, eventId: string): Envelope | undefined {
    const r = this.db
      .prepare<[string, string], EventRow>(
        'SELECT * FROM events_index WHERE simulation = ? AND event_id = ? ORDER BY position LIMIT 1',
      )
      .get(simulation, eventId);
    return r ? toEnvelope(r) : undefined;
  }

  /** Indexed events of a simulation after `position`, in order, in pages. */
  *eventsAfter(simulation: string, position: number): Generator<Envelope> {
    const page = this.db.prepare<[string, number], EventRow>(
      'SELECT * FROM events_index WHERE simulation = ? AND position > ? ORDER BY position LIMIT 1000',
    );
    for (
      let rows = page.all(simulation, position);
      rows.length > 0;
      rows = page.all(simulation, position)
    ) {
      for (const r of rows) yield toEnvelope(r);
      position = rows[rows.length - 1].position;
    }
  }

  /**
   * A run of a simulation started or completed (its status: incomplete while one has not
   * completed).
   */
  recordRun(simulation: string, e: RunEvent, at: string): void {
    if (e.type === 'RunStarted') {
      this.db
        .prepare(
          'INSERT OR IGNORE INTO runs (simulation, run, kind, title, commands, started_at, completed) VALUES (?, ?, ?, ?, ?, ?, 0)',
        )
        .run(simulation, e.data.run, e.data.kind, e.data.title, e.data.commands, at);
    } else {
      this.db
        .prepare('UPDATE runs SET completed = 1 WHERE simulation = ? AND run = ?')
        .run(simulation, e.data.run);
    }
  }

  upsertSimulation(s: Omit<SimulationRow, 'status'>): void {
    this.db
      .prepare(
        `INSERT INTO simulations (id, events, first_at, last_at, max_at, last_position, monotonic)
         VALUES (@id, @events, @firstAt, @lastAt, @maxAt, @lastPosition, @monotonic)
         ON CONFLICT (id) DO UPDATE SET events = excluded.events, last_at = excluded.last_at, max_at = excluded.max_at,
           last_position = excluded.last_position, monotonic = excluded.monotonic`,
      )
      .run({ ...s, lastPosition: s.lastPosition.toString(), monotonic: s.monotonic ? 1 : 0 });
  }

  simulations(): SimulationRow[] {
    return this.db
      .prepare<[], Record<string, string | number>>(`${SIMULATIONS} ORDER BY s.id`)
      .all()
      .map(toSimulation);
  }

  simulation(id: string): SimulationRow | null {
    const r = this.db
      .prepare<[string], Record<string, string | number>>(`${SIMULATIONS} WHERE s.id = ?`)
      .get(id);
    return r ? toSimulation(r) : null;
  }

  /** Everything derived from a simulation that was deleted. */
  forgetSimulation(id: string): void {
    for (const table of [
      'simulations',
      'runs',
      'events_index',
      'artifacts',
      'truth',
      'snapshots',
    ]) {
      this.db
        .prepare(`DELETE FROM ${table} WHERE ${table === 'simulations' ? 'id' : 'simulation'} = ?`)
        .run(id);
    }
  }

  openArtifact(simulation: string, a: Omit<ArtifactRow, 'toAt' | 'toPosition' | 'endedBy'>): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO artifacts (simulation, kind, id, source_event, principal, machine, groups, sids, from_at, from_position)
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
        a.fromPosition,
      );
  }

  closeArtifact(
    simulation: string,
    kind: string,
    id: string,
    sourceEvent: string,
    toAt: string,
    toPosition: number,
    endedBy: string | null,
  ): void {
    this.db
      .prepare(
        'UPDATE artifacts SET to_at = ?, to_position = ?, ended_by = ? WHERE simulation = ? AND kind = ? AND id = ? AND source_event = ? AND to_at IS NULL',
      )
      .run(toAt, toPosition, endedBy, simulation, kind, id, sourceEvent);
  }

  /** Every artifact interval of a simulation, in order of birth (the replay timeline). */
  artifacts(simulation: string): ArtifactRow[] {
    return this.db
      .prepare<[string], Record<string, string | number | null>>(
        'SELECT * FROM artifacts WHERE simulation = ? ORDER BY from_position, kind, id',
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
        fromPosition: r.from_position as number,
        toAt: (r.to_at as string | null) ?? null,
        toPosition: (r.to_position as number | null) ?? null,
        endedBy: (r.ended_by as string | null) ?? null,
      }));
  }

  /**
   * Directory truth of a principal changed at `position`: close its open interval, open a new one.
   */
  truthChanged(
    simulation: string,
    principalSid: string,
    principal: string,
    groups: string[] | null,
    at: string,
    position: number,
  ): void {
    this.db
      .prepare(
        'UPDATE truth SET to_at = ?, to_position = ? WHERE simulation = ? AND principal_sid = ? AND to_at IS NULL',
      )
      .run(at, position, simulation, principalSid);
    this.db
      .prepare(
        'INSERT INTO truth (simulation, principal_sid, principal, groups, from_at, from_position) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        simulation,
        principalSid,
        principal,
        groups ? JSON.stringify(groups) : null,
        at,
        position,
      );
  }

  truthIntervals(
    simulation: string,
    principalSid: string,
  ): Array<{ groups: string[] | null; fromAt: string; toAt: string | null }> {
    return this.db
      .prepare<[string, string], { groups: string | null; from_at: string; to_at: string | null }>(
        'SELECT groups, from_at, to_at FROM truth WHERE simulation = ? AND principal_sid = ? ORDER BY from_position',
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
        'INSERT OR REPLACE INTO snapshots (simulation, position, global_position, max_at, world) VALUES (?, ?, ?, ?, ?)',
      )
      .run(simulation, s.position, s.globalPosition.toString(), s.maxAt, s.world);
  }

  /**
   * The latest snapshot usable for a question: at most `position` events, all of them at or before
   * `at`.
   */
  latestSnapshot(
    simulation: string,
    limit: { position?: number; at?: string },
  ): SnapshotRow | null {
    const r = this.db
      .prepare<
        [string, number, string],
        { position: number; global_position: string; max_at: string; world: string }
      >(
        'SELECT position, global_position, max_at, world FROM snapshots WHERE simulation = ? AND position <= ? AND max_at <= ? ORDER BY position DESC LIMIT 1',
      )
      .get(simulation, limit.position ?? Number.MAX_SAFE_INTEGER, limit.at ?? '9999');
    return r
      ? {
          position: r.position,
          globalPosition: BigInt(r.global_position),
          maxAt: r.max_at,
          world: r.world,
        }
      : null;
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
    status: r.status as SimulationStatus,
  };
}
