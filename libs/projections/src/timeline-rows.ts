import type Database from 'better-sqlite3';
import type { ArtifactKind, Membership } from '@tokentrail/domain';
import type { ReadModel } from './read-model';

/** One artifact interval of a principal, as the read model holds it. */
export interface ArtifactIntervalRow {
  kind: ArtifactKind;
  id: string;
  principal: string;
  machine: string;
  membership: Membership;
  tokenType: string | null;
  since: string;
  sourceEvent: string;
  fromAt: string;
  fromPosition: number;
  toAt: string | null;
  toPosition: number | null;
  endedBy: string | null;
  /** The latest expiry (its own, or the last extension's). */
  expiresAt: string | null;
}

/** One interval of a principal's truth. */
export interface TruthIntervalRow {
  membership: Membership | null;
  changedAt: string | null;
  fromAt: string;
  fromPosition: number;
  toAt: string | null;
  toPosition: number | null;
}

type Row = Record<string, string | number | null>;

/**
 * The read model's rows a timeline is drawn from: every artifact interval of one principal and
 * every interval of its truth, over the whole log, each in one indexed read
 * (`artifacts_principal`, the truth table's key). Reads only: the tables are the projector's.
 */
export class TimelineRows {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly rm: ReadModel) {}

  private sql(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (!s) this.statements.set(text, (s = this.rm.db.prepare(text)));
    return s;
  }

  artifacts(sim: number, principalSid: string): ArtifactIntervalRow[] {
    const rows = this.sql(
      `SELECT a.*, m.body,
           (SELECT x.expires_at FROM artifact_extensions x WHERE x.sim = a.sim AND x.kind = a.kind
             AND x.id_key = a.id_key AND x.source_event = a.source_event
             ORDER BY x.from_position DESC LIMIT 1) AS extended
         FROM artifacts a INDEXED BY artifacts_principal JOIN memberships m ON m.id = a.membership
         WHERE a.sim = ? AND a.principal_sid = ? ORDER BY a.from_position, a.kind, a.id`,
    ).all(sim, principalSid) as Row[];
    return rows.map((r) => ({
      kind: r.kind as ArtifactKind,
      id: r.id as string,
      principal: r.principal as string,
      machine: r.machine as string,
      membership: JSON.parse(r.body as string) as Membership,
      tokenType: (r.token_type as string | null) ?? null,
      since: r.since as string,
      sourceEvent: r.source_event as string,
      fromAt: r.from_at as string,
      fromPosition: r.from_position as number,
      toAt: (r.to_at as string | null) ?? null,
      toPosition: (r.to_position as number | null) ?? null,
      endedBy: (r.ended_by as string | null) ?? null,
      expiresAt: ((r.extended ?? r.expires_at) as string | null) ?? null,
    }));
  }

  truth(sim: number, principalSid: string): TruthIntervalRow[] {
    const rows = this.sql(
      `SELECT t.*, m.body FROM truth t LEFT JOIN memberships m ON m.id = t.membership
         WHERE t.sim = ? AND t.principal_sid = ? ORDER BY t.from_position`,
    ).all(sim, principalSid) as Row[];
    return rows.map((r) => ({
      membership: r.body ? (JSON.parse(r.body as string) as Membership) : null,
      changedAt: (r.changed_at as string | null) ?? null,
      fromAt: r.from_at as string,
      fromPosition: r.from_position as number,
      toAt: (r.to_at as string | null) ?? null,
      toPosition: (r.to_position as number | null) ?? null,
    }));
  }

  /** The event at a position of the simulation: its id and type. */
  eventAt(sim: number, position: number): { eventId: string; type: string } | undefined {
    const r = this.sql(
      'SELECT event_id, type FROM events_index WHERE sim = ? AND position = ?',
    ).get(sim, position) as { event_id: string; type: string } | undefined;
    return r ? { eventId: r.event_id, type: r.type } : undefined;
  }

  eventType(sim: number, eventId: string): string | undefined {
    return this.rm.link(sim, eventId)?.type;
  }

  /** The principals holding an artifact of a kind, in the order they first held one. */
  principalsHolding(sim: number, kind: ArtifactKind): string[] {
    const rows = this.sql(
      `SELECT principal_sid AS sid FROM artifacts WHERE sim = ? AND kind = ?
       GROUP BY principal_sid ORDER BY min(from_position)`,
    ).all(sim, kind) as Array<{ sid: string }>;
    return rows.map((r) => r.sid);
  }

  /** How many artifact intervals each principal holds (for the picker). */
  artifactCounts(sim: number): Map<string, number> {
    const rows = this.sql(
      'SELECT principal_sid AS sid, count(*) AS n FROM artifacts WHERE sim = ? GROUP BY principal_sid',
    ).all(sim) as Array<{ sid: string; n: number }>;
    return new Map(rows.map((r) => [r.sid, r.n]));
  }
}
