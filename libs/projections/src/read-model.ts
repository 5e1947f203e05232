import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { z } from 'zod';
import {
  artifactSids,
  groupNames,
  key,
  type Artifact,
  type ArtifactKind,
  type LogonType,
  type Membership,
  type RunEvent,
} from '@tokentrail/domain';
import type { LinkRecord } from './link-record';
import { READ_MODEL_LAYOUT, READ_MODEL_SCHEMA, READ_MODEL_TABLES } from './read-model-schema';

export const simulationStatusSchema = z.enum(['complete', 'incomplete']);
export type SimulationStatus = z.infer<typeof simulationStatusSchema>;

export interface SimulationRow {
  /** The simulation's number in this read model. */
  sim: number;
  id: string;
  /** How many of its events the read model holds (its position). */
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
  /** The serialized world's lines (`serializeWorld`). */
  world: Iterable<string>;
}

/** One artifact's life in the projections, as the timeline shows it. */
export interface ArtifactRow {
  kind: string;
  id: string;
  sourceEvent: string;
  principal: string;
  machine: string;
  groups: string[];
  sids: string[];
  fromAt: string;
  fromPosition: number;
  toAt: string | null;
  toPosition: number | null;
  endedBy: string | null;
}

/** A simulation's summary, and whether a run of it started and never completed. */
const SIMULATIONS = `SELECT s.*, CASE WHEN EXISTS (SELECT 1 FROM runs r WHERE r.simulation = s.id AND r.completed = 0)
  THEN 'incomplete' ELSE 'complete' END AS status FROM simulations s`;

type Row = Record<string, string | number | null>;

/** Where an interval question stands: the simulation's position and the moment. */
export interface Moment {
  position: number;
  at: string;
}

/** The expiry of an artifact row as of a position: its latest extension by then, or its own. */
const EXPIRY = `COALESCE((SELECT x.expires_at FROM artifact_extensions x WHERE x.sim = a.sim AND x.kind = a.kind
  AND x.id_key = a.id_key AND x.source_event = a.source_event AND x.from_position <= @position
  ORDER BY x.from_position DESC LIMIT 1), a.expires_at)`;

/** Rows live at a moment, with their expiry then. */
const LIVE_ROWS = `SELECT a.*, m.body, ${EXPIRY} AS expiry FROM artifacts a
  JOIN memberships m ON m.id = a.membership
  WHERE a.sim = @sim AND a.from_position <= @position AND (a.to_position IS NULL OR a.to_position > @position)`;

const toArtifact = (r: Row): Artifact => ({
  kind: r.kind as ArtifactKind,
  id: r.id as string,
  principal: r.principal as string,
  principalSid: r.principal_sid as string,
  machine: r.machine as string,
  membership: JSON.parse(r.body as string) as Membership,
  tokenType: (r.token_type as LogonType | null) ?? null,
  since: r.since as string,
  ...(r.expiry ? { expiresAt: r.expiry as string } : {}),
  eventId: r.source_event as string,
});

/**
 * The projections' read model: one SQLite file holding the lineage index, artifact and truth
 * intervals, the names each question may use, simulation summaries, world snapshots, and the
 * checkpoint, which moves in the same transaction as the rows it covers (a crash never applies an
 * event twice). Times compare as text: every stored time is `toISOString()`'s.
 */
export class ReadModel {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly sims = new Map<string, number>();
  /**
   * Membership object → its number: a world keeps one object per distinct membership
   * (MembershipTable), so a copy of a known one costs no hashing and no lookup. A rolled-back
   * transaction or a deleted simulation moves `generation` on, which voids every entry.
   */
  private readonly idsByObject = new WeakMap<
    Membership,
    { sim: number; id: number; generation: number }
  >();
  private generation = 0;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('cache_size = -65536');
    // Fewer, larger checkpoints (40 MB of WAL): a batch of thousands of events writes megabytes.
    this.db.pragma('wal_autocheckpoint = 10000');
    this.db.transaction(() => this.layout()).immediate();
  }

  /** A file of another layout is emptied: the projector rebuilds it from the log. */
  private layout(): void {
    if (this.db.pragma('user_version', { simple: true }) === READ_MODEL_LAYOUT) return;
    const tables = this.db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all();
    for (const { name } of tables) this.db.exec(`DROP TABLE IF EXISTS "${name}"`);
    this.db.exec(READ_MODEL_SCHEMA);
    this.db.pragma(`user_version = ${READ_MODEL_LAYOUT}`);
  }

  private sql(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (!s) this.statements.set(text, (s = this.db.prepare(text)));
    return s;
  }

  /**
   * Runs `work` in one write transaction (taken at once, so two processes projecting into the
   * same file take turns) given the checkpoint as it is then, and moves the checkpoint to the
   * position `work` returns.
   */
  commit(work: (checkpoint: bigint | null) => bigint | null): void {
    try {
      this.db
        .transaction(() => {
          const position = work(this.checkpoint());
          if (position !== null) {
            this.sql(
              'INSERT INTO checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position',
            ).run(position.toString());
          }
        })
        .immediate();
    } catch (error) {
      // Numbers given in the rolled-back transaction are gone.
      this.forgetMembershipIds();
      this.sims.clear();
      throw error;
    }
  }

  checkpoint(): bigint | null {
    const row = this.sql('SELECT position FROM checkpoint WHERE id = 1').get() as
      { position: string } | undefined;
    return row ? BigInt(row.position) : null;
  }

  /** The simulation's number, creating its row (filled in by `upsertSimulation`) when new. */
  simKey(id: string): number {
    let sim = this.sims.get(id);
    if (sim !== undefined) return sim;
    this.sql(
      `INSERT INTO simulations (id, events, first_at, last_at, max_at, last_position, monotonic)
       VALUES (?, 0, '', '', '', '0', 1) ON CONFLICT (id) DO NOTHING`,
    ).run(id);
    sim = (this.sql('SELECT sim FROM simulations WHERE id = ?').get(id) as { sim: number }).sim;
    this.sims.set(id, sim);
    return sim;
  }

  indexEvent(sim: number, link: LinkRecord): void {
    this.sql(
      'INSERT INTO events_index (sim, position, event_id, type, occurred_at, global_position, causation_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      sim,
      link.position,
      link.eventId,
      link.type,
      link.at,
      link.globalPosition,
      link.causationId,
      link.detail ? JSON.stringify(link.detail) : null,
    );
  }

  link(sim: number, eventId: string): LinkRecord | undefined {
    const r = this.sql(
      'SELECT * FROM events_index INDEXED BY events_index_id WHERE sim = ? AND event_id = ?',
    ).get(sim, eventId) as Row | undefined;
    return r
      ? {
          eventId: r.event_id as string,
          type: r.type as string,
          at: r.occurred_at as string,
          position: r.position as number,
          globalPosition: r.global_position as string,
          causationId: (r.causation_id as string | null) ?? null,
          detail: r.detail ? (JSON.parse(r.detail as string) as Record<string, unknown>) : null,
        }
      : undefined;
  }

  /** The time and global position of a simulation's event. */
  eventAt(sim: number, position: number): { at: string; globalPosition: string } | undefined {
    const r = this.sql(
      'SELECT occurred_at, global_position FROM events_index WHERE sim = ? AND position = ?',
    ).get(sim, position) as { occurred_at: string; global_position: string } | undefined;
    return r ? { at: r.occurred_at, globalPosition: r.global_position } : undefined;
  }

  /**
   * The position of the last event at or before `at` (0 before the first), found by halving: the
   * simulation's times must never go backwards (`monotonic`).
   */
  positionAt(sim: number, events: number, at: string): number {
    let low = 0;
    let high = events;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((this.eventAt(sim, mid)?.at ?? '') <= at) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /**
   * A run of a simulation started or completed (its status: incomplete while one has not
   * completed).
   */
  recordRun(simulation: string, e: RunEvent, at: string): void {
    if (e.type === 'RunStarted') {
      this.sql(
        'INSERT OR IGNORE INTO runs (simulation, run, kind, title, commands, started_at, completed) VALUES (?, ?, ?, ?, ?, ?, 0)',
      ).run(simulation, e.data.run, e.data.kind, e.data.title, e.data.commands, at);
    } else {
      this.sql('UPDATE runs SET completed = 1 WHERE simulation = ? AND run = ?').run(
        simulation,
        e.data.run,
      );
    }
  }

  upsertSimulation(s: Omit<SimulationRow, 'status' | 'sim'>): void {
    this.sql(
      `INSERT INTO simulations (id, events, first_at, last_at, max_at, last_position, monotonic)
       VALUES (@id, @events, @firstAt, @lastAt, @maxAt, @lastPosition, @monotonic)
       ON CONFLICT (id) DO UPDATE SET events = excluded.events, first_at = excluded.first_at,
         last_at = excluded.last_at, max_at = excluded.max_at,
         last_position = excluded.last_position, monotonic = excluded.monotonic`,
    ).run({ ...s, lastPosition: s.lastPosition.toString(), monotonic: s.monotonic ? 1 : 0 });
  }

  simulations(): SimulationRow[] {
    return (this.sql(`${SIMULATIONS} WHERE s.events > 0 ORDER BY s.id`).all() as Row[]).map(
      toSimulation,
    );
  }

  simulation(id: string): SimulationRow | null {
    const r = this.sql(`${SIMULATIONS} WHERE s.id = ? AND s.events > 0`).get(id) as Row | undefined;
    return r ? toSimulation(r) : null;
  }

  /** Everything derived from a simulation that was deleted. */
  forgetSimulation(id: string): void {
    const sim = this.sims.get(id) ?? this.simulation(id)?.sim;
    this.sql('DELETE FROM runs WHERE simulation = ?').run(id);
    this.sims.delete(id);
    this.forgetMembershipIds();
    if (sim === undefined) return;
    for (const table of READ_MODEL_TABLES) {
      if (table === 'checkpoint' || table === 'runs') continue;
      this.sql(`DELETE FROM ${table} WHERE sim = ?`).run(sim);
    }
  }

  /** A membership's number, storing it the first time its text is seen (found by its hash). */
  private membershipId(sim: number, membership: Membership): number {
    const seen = this.idsByObject.get(membership);
    if (seen && seen.sim === sim && seen.generation === this.generation) return seen.id;
    const id = this.membershipIdByText(sim, membership);
    this.idsByObject.set(membership, { sim, id, generation: this.generation });
    return id;
  }

  /** Numbers given so far may be gone (a rolled-back transaction, a deleted simulation). */
  private forgetMembershipIds(): void {
    this.generation++;
  }

  private membershipIdByText(sim: number, membership: Membership): number {
    const body = JSON.stringify(membership);
    const hash = createHash('sha1').update(body).digest('base64');
    const found = this.sql('SELECT id FROM memberships WHERE sim = ? AND hash = ?').get(
      sim,
      hash,
    ) as { id: number } | undefined;
    return (
      found?.id ??
      Number(
        this.sql('INSERT INTO memberships (sim, hash, body) VALUES (?, ?, ?)').run(sim, hash, body)
          .lastInsertRowid,
      )
    );
  }

  /** An artifact was born at `position`; returns its row, for closing it cheaply. */
  openArtifact(sim: number, a: Artifact, at: string, position: number): number {
    const { lastInsertRowid } = this.sql(
      `INSERT INTO artifacts (sim, kind, id, id_key, source_event, principal, principal_sid, machine, machine_key,
         membership, token_type, since, expires_at, from_at, from_position)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      sim,
      a.kind,
      a.id,
      a.id.toLowerCase(),
      a.eventId,
      a.principal,
      a.principalSid,
      a.machine,
      key(a.machine),
      this.membershipId(sim, a.membership),
      a.tokenType,
      a.since,
      a.expiresAt ?? null,
      at,
      position,
    );
    return Number(lastInsertRowid);
  }

  /**
   * An artifact ended: by an event (`endedBy`) or by itself at its expiry (`endedBy` null). Its
   * row is found by number when the caller opened it, else by its identity.
   */
  closeArtifact(
    sim: number,
    a: Artifact,
    end: { at: string; position: number; endedBy: string | null; row?: number },
  ): void {
    if (end.row !== undefined)
      this.sql('UPDATE artifacts SET to_at = ?, to_position = ?, ended_by = ? WHERE rowid = ?').run(
        end.at,
        end.position,
        end.endedBy,
        end.row,
      );
    else
      this.sql(
        `UPDATE artifacts SET to_at = ?, to_position = ?, ended_by = ?
         WHERE sim = ? AND kind = ? AND id_key = ? AND source_event = ? AND to_position IS NULL`,
      ).run(end.at, end.position, end.endedBy, sim, a.kind, a.id.toLowerCase(), a.eventId);
  }

  /** A live artifact's expiry moved at `position` (an SMB session used again). */
  extendArtifact(sim: number, a: Artifact, position: number): void {
    this.sql(
      `INSERT OR REPLACE INTO artifact_extensions (sim, kind, id_key, source_event, from_position, expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(sim, a.kind, a.id.toLowerCase(), a.eventId, position, a.expiresAt ?? null);
  }

  /** The artifact of this kind and id live at a moment. */
  artifactAt(sim: number, kind: ArtifactKind, id: string, m: Moment): Artifact | undefined {
    const r = this.sql(
      `SELECT * FROM (${LIVE_ROWS} AND a.kind = @kind AND a.id_key = @id)
       WHERE expiry IS NULL OR expiry > @at ORDER BY from_position DESC LIMIT 1`,
    ).get({ sim, kind, id: id.toLowerCase(), ...m }) as Row | undefined;
    return r ? toArtifact(r) : undefined;
  }

  /** Whether an artifact of this kind and id was born at or before a position. */
  artifactBorn(sim: number, kind: ArtifactKind, id: string, position: number): boolean {
    return !!this.sql(
      'SELECT 1 FROM artifacts WHERE sim = ? AND kind = ? AND id_key = ? AND from_position <= ? LIMIT 1',
    ).get(sim, kind, id.toLowerCase(), position);
  }

  /** Every artifact live at a moment, of one principal or on one machine when asked. */
  artifactsAt(
    sim: number,
    only: { principalSid?: string; machine?: string },
    m: Moment,
  ): Artifact[] {
    const where = [
      ...(only.principalSid ? ['a.principal_sid = @principalSid'] : []),
      ...(only.machine ? ['a.machine_key = @machine'] : []),
    ];
    return (
      this.sql(
        `SELECT * FROM (${LIVE_ROWS}${where.map((w) => ` AND ${w}`).join('')})
         WHERE expiry IS NULL OR expiry > @at`,
      ).all({
        sim,
        principalSid: only.principalSid ?? null,
        machine: only.machine ? key(only.machine) : null,
        ...m,
      }) as Row[]
    ).map(toArtifact);
  }

  /** Every artifact interval of a simulation, in order of birth (the replay timeline). */
  artifacts(simulation: string): ArtifactRow[] {
    const sim = this.simulation(simulation)?.sim;
    if (sim === undefined) return [];
    return (
      this.sql(
        `SELECT a.*, m.body FROM artifacts a JOIN memberships m ON m.id = a.membership
         WHERE a.sim = ? ORDER BY a.from_position, a.kind, a.id`,
      ).all(sim) as Row[]
    ).map((r) => ({
      kind: r.kind as string,
      id: r.id as string,
      sourceEvent: r.source_event as string,
      principal: r.principal as string,
      machine: r.machine as string,
      groups: groupNames(toArtifact(r).membership),
      sids: artifactSids(toArtifact(r)),
      fromAt: r.from_at as string,
      fromPosition: r.from_position as number,
      toAt: (r.to_at as string | null) ?? null,
      toPosition: (r.to_position as number | null) ?? null,
      endedBy: (r.ended_by as string | null) ?? null,
    }));
  }

  /**
   * Directory truth of a principal changed at `position`: close its open interval, open a new one
   * (null once deleted), with the time of the change that last altered its groups.
   */
  truthChanged(
    sim: number,
    truth: { sid: string; name: string; membership: Membership | null; changedAt?: string },
    at: string,
    position: number,
  ): void {
    this.sql(
      'UPDATE truth SET to_at = ?, to_position = ? WHERE sim = ? AND principal_sid = ? AND to_position IS NULL',
    ).run(at, position, sim, truth.sid);
    this.sql(
      `INSERT INTO truth (sim, principal_sid, principal, membership, changed_at, from_at, from_position)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (sim, principal_sid, from_position) DO UPDATE SET membership = excluded.membership,
         principal = excluded.principal, changed_at = excluded.changed_at, to_at = NULL, to_position = NULL`,
    ).run(
      sim,
      truth.sid,
      truth.name,
      truth.membership ? this.membershipId(sim, truth.membership) : null,
      truth.changedAt ?? null,
      at,
      position,
    );
  }

  /** A principal's truth at a position, and when it last changed. */
  truthAt(
    sim: number,
    sid: string,
    position: number,
  ): { membership: Membership | null; changedAt?: string } {
    const r = this.sql(
      `SELECT m.body, t.changed_at FROM truth t LEFT JOIN memberships m ON m.id = t.membership
       WHERE t.sim = ? AND t.principal_sid = ? AND t.from_position <= ?
       ORDER BY t.from_position DESC LIMIT 1`,
    ).get(sim, sid, position) as { body: string | null; changed_at: string | null } | undefined;
    return {
      membership: r?.body ? (JSON.parse(r.body) as Membership) : null,
      ...(r?.changed_at ? { changedAt: r.changed_at } : {}),
    };
  }

  truthIntervals(
    simulation: string,
    principalSid: string,
  ): Array<{ groups: string[] | null; fromAt: string; toAt: string | null }> {
    const sim = this.simulation(simulation)?.sim;
    if (sim === undefined) return [];
    return (
      this.sql(
        `SELECT m.body, t.from_at, t.to_at FROM truth t LEFT JOIN memberships m ON m.id = t.membership
         WHERE t.sim = ? AND t.principal_sid = ? ORDER BY t.from_position`,
      ).all(sim, principalSid) as Array<{
        body: string | null;
        from_at: string;
        to_at: string | null;
      }>
    ).map((r) => ({
      groups: r.body ? groupNames(JSON.parse(r.body) as Membership) : null,
      fromAt: r.from_at,
      toAt: r.to_at,
    }));
  }

  /** A session, process, machine or access id the log introduced (or reused) at `position`. */
  nameKnown(sim: number, space: string, name: string, target: string, position: number): void {
    this.sql(
      'INSERT OR REPLACE INTO names (sim, space, name, target, position) VALUES (?, ?, ?, ?, ?)',
    ).run(sim, space, name, target, position);
  }

  /** What a name meant at a position (null: not known by then). */
  name(sim: number, space: string, name: string, position: number): string | null {
    const r = this.sql(
      'SELECT target FROM names WHERE sim = ? AND space = ? AND name = ? AND position <= ? ORDER BY position DESC LIMIT 1',
    ).get(sim, space, name, position) as { target: string } | undefined;
    return r?.target ?? null;
  }

  /** From `position`, a (lower-cased) name points at `sid` among live principals, or at none. */
  principalNamePoints(sim: number, nameKey: string, sid: string | null, position: number): void {
    const open = this.sql(
      'SELECT rowid, sid FROM principal_names WHERE sim = ? AND name_key = ? AND to_position IS NULL',
    ).get(sim, nameKey) as { rowid: number; sid: string } | undefined;
    if (open?.sid === sid) return;
    if (open)
      this.sql('UPDATE principal_names SET to_position = ? WHERE rowid = ?').run(
        position,
        open.rowid,
      );
    if (sid)
      this.sql(
        'INSERT INTO principal_names (sim, name_key, sid, from_position) VALUES (?, ?, ?, ?)',
      ).run(sim, nameKey, sid, position);
  }

  /** A principal took a name at `position` (its first name when it was created). */
  principalAlias(sim: number, name: string, sid: string, position: number): void {
    const created =
      (
        this.sql(
          'SELECT min(from_position) AS p FROM principal_aliases WHERE sim = ? AND sid = ?',
        ).get(sim, sid) as { p: number | null }
      ).p ?? position;
    this.sql(
      'INSERT INTO principal_aliases (sim, name_key, name, sid, from_position, created_position) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(sim, name.toLowerCase(), name, sid, position, created);
  }

  /** The live principal a name pointed at, at a position. */
  livePrincipal(sim: number, nameKey: string, position: number): string | null {
    const r = this.sql(
      `SELECT sid FROM principal_names WHERE sim = ? AND name_key = ? AND from_position <= ?
       AND (to_position IS NULL OR to_position > ?) LIMIT 1`,
    ).get(sim, nameKey, position, position) as { sid: string } | undefined;
    return r?.sid ?? null;
  }

  /** The first-created principal that had this name (then or before) at a position. */
  principalByAlias(sim: number, nameKey: string, position: number): string | null {
    const r = this.sql(
      `SELECT sid FROM principal_aliases WHERE sim = ? AND name_key = ? AND from_position <= ?
       ORDER BY created_position LIMIT 1`,
    ).get(sim, nameKey, position) as { sid: string } | undefined;
    return r?.sid ?? null;
  }

  /** A principal's name at a position, or null when it did not exist yet. */
  principalNameAt(sim: number, sid: string, position: number): string | null {
    const r = this.sql(
      `SELECT name FROM principal_aliases WHERE sim = ? AND sid = ? AND from_position <= ?
       ORDER BY from_position DESC LIMIT 1`,
    ).get(sim, sid, position) as { name: string } | undefined;
    return r?.name ?? null;
  }

  /**
   * Snapshots are compressed: a big world's text shrinks about tenfold. Its lines are stored one
   * after another, each ended by a newline (JSON text holds none). Returns the text's byte size.
   */
  saveSnapshot(sim: number, s: SnapshotRow): number {
    const lines = [...s.world];
    const text = Buffer.allocUnsafe(lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0));
    let at = 0;
    for (const l of lines) {
      at += text.write(l, at);
      text[at++] = NEWLINE;
    }
    this.sql(
      'INSERT OR REPLACE INTO snapshots (sim, position, global_position, max_at, world) VALUES (?, ?, ?, ?, ?)',
    ).run(
      sim,
      s.position,
      s.globalPosition.toString(),
      s.maxAt,
      deflateRawSync(text, { level: 1 }),
    );
    return text.length;
  }

  /**
   * The latest snapshot usable for a question: at most `position` events, all of them at or before
   * `at`.
   */
  latestSnapshot(
    simulation: string,
    limit: { position?: number; at?: string },
  ): (SnapshotRow & { bytes: number }) | null {
    const sim = this.simulation(simulation)?.sim;
    if (sim === undefined) return null;
    const r = this.sql(
      'SELECT position, global_position, max_at, world FROM snapshots WHERE sim = ? AND position <= ? AND max_at <= ? ORDER BY position DESC LIMIT 1',
    ).get(sim, limit.position ?? Number.MAX_SAFE_INTEGER, limit.at ?? '9999') as
      { position: number; global_position: string; max_at: string; world: Buffer } | undefined;
    if (!r) return null;
    const text = inflateRawSync(r.world);
    return {
      position: r.position,
      globalPosition: BigInt(r.global_position),
      maxAt: r.max_at,
      world: linesOf(text),
      bytes: text.length,
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

const NEWLINE = 0x0a;

/** A buffer's lines, decoded one at a time (the whole may exceed a string's limit). */
function* linesOf(text: Buffer): Generator<string> {
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf(NEWLINE, start);
    const end = newline === -1 ? text.length : newline;
    yield text.toString('utf8', start, end);
    start = end + 1;
  }
}

function toSimulation(r: Row): SimulationRow {
  return {
    sim: r.sim as number,
    id: r.id as string,
    events: r.events as number,
    firstAt: r.first_at as string,
    lastAt: r.last_at as string,
    maxAt: r.max_at as string,
    lastPosition: BigInt(r.last_position as string),
    monotonic: r.monotonic === 1,
    status: r.status as SimulationStatus,
  };
}
