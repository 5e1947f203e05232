import { Inject, Injectable } from '@nestjs/common';
import {
  decode,
  deserializeWorld,
  emptyWorld,
  evolve,
  streamOf,
  type Answer,
  type Artifact,
  type Envelope,
  type Query,
  type World,
} from '@tokentrail/domain';
import { EVENT_STORE, type EventStore } from '@tokentrail/event-store';
import { answerAsOf, isUnknownName } from './answer-as-of';
import type { AnswerSource } from './answer-source';
import type { AsOf } from './as-of';
import { indexSource } from './index-source';
import { lineage } from './lineage';
import { z } from 'zod';
import { ReadModel, simulationStatusSchema, type Moment, type SimulationRow } from './read-model';
import { READ_MODEL } from './read-model.token';
import { ReadModelEvents } from './read-model-events';
import { buildTimeline } from './timeline';
import { TimelineRows } from './timeline-rows';
import type { PrincipalEntry, Timeline } from './timeline-view';
import { worldSource } from './world-source';

/**
 * A time-travel view: the world as of a moment or a position, its lineage index, and the moment.
 */
export interface View {
  world: World;
  events: ReadModelEvents;
  at: string;
}

/**
 * Where an answer stands: the moment, the simulation's event number, the store's global position,
 * and whether the simulation's runs finished.
 */
export const viewStampSchema = z.object({
  at: z.string(),
  position: z.number().int(),
  globalPosition: z.string().nullable(),
  status: simulationStatusSchema.nullable(),
});
export type ViewStamp = z.infer<typeof viewStampSchema>;

/** A question the projections can answer from their intervals, and whether they hold the log. */
interface Indexed {
  row: SimulationRow;
  moment: Moment;
  complete: boolean;
}

/**
 * Time travel. A question about a simulation whose times never go backwards is answered from the
 * projections' intervals when they reach its moment: a few indexed lookups at any moment of any
 * log. Otherwise (remediate, a log whose times go backwards, a moment the projector has not
 * reached) the world is folded from the latest snapshot at or before the moment, so an answer
 * never waits for the projector.
 */
@Injectable()
export class QueryService {
  private readonly timelineRows: TimelineRows;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly readModel: ReadModel,
  ) {
    this.timelineRows = new TimelineRows(readModel);
  }

  async view(simulation: string, asOf: AsOf): Promise<View> {
    const stream = streamOf(simulation);
    const row = this.readModel.simulation(simulation);
    const snapshot = this.readModel.latestSnapshot(simulation, asOf);
    const world = snapshot ? deserializeWorld(snapshot.world) : emptyWorld();
    const events = new ReadModelEvents(this.readModel, row?.sim ?? null, row?.events ?? 0);
    const until = asOf.at;
    // A log whose times never go backwards can stop at the first event after the moment.
    const monotonic = row?.monotonic ?? false;
    for await (const stored of this.store.readStream(stream, {
      from: BigInt(snapshot?.position ?? 0),
    })) {
      const e = decode(stored);
      if (asOf.position !== undefined && e.position > asOf.position) break;
      if (until !== undefined && e.occurredAt > until) {
        if (monotonic) break;
        continue;
      }
      evolve(world, e);
      events.add(e);
    }
    return { world, events, at: until ?? world.lastOccurredAt ?? new Date(0).toISOString() };
  }

  /**
   * Where the intervals answer a question: the simulation never went back in time, and the
   * projector holds every event up to the moment (`complete`: every event of the log).
   */
  private async indexed(simulation: string, asOf: AsOf): Promise<Indexed | null> {
    const row = this.readModel.simulation(simulation);
    if (!row?.monotonic) return null;
    const head = await this.store.lastPosition();
    const checkpoint = this.readModel.checkpoint();
    const complete = head !== null && checkpoint !== null && checkpoint >= head;
    const rm = this.readModel;
    if (asOf.position !== undefined) {
      if (asOf.position > row.events && !complete) return null;
      const position = Math.min(asOf.position, row.events);
      return { row, moment: { position, at: rm.eventAt(row.sim, position)?.at ?? '' }, complete };
    }
    if (!complete && asOf.at >= row.lastAt) return null;
    return {
      row,
      moment: { position: rm.positionAt(row.sim, row.events, asOf.at), at: asOf.at },
      complete,
    };
  }

  async answer(simulation: string, query: Query, asOf: AsOf): Promise<Answer & ViewStamp> {
    const indexed = query.kind === 'remediate' ? null : await this.indexed(simulation, asOf);
    if (indexed) {
      const { row, moment, complete } = indexed;
      const source = indexSource(this.readModel, row.sim, moment);
      const latest = () =>
        indexSource(this.readModel, row.sim, { position: row.events, at: row.maxAt });
      try {
        return { ...answerAsOf(source, query, latest), ...this.stamp(row, moment) };
      } catch (error) {
        // A name unknown to the events projected so far may be known to later ones: fold.
        if (complete || !isUnknownName(error)) throw error;
      }
    }
    const view = await this.view(simulation, asOf);
    const source = worldSource(view.world, view.at, view.events);
    let latest: AnswerSource | undefined;
    const whole = async () => {
      const end = await this.view(simulation, { position: Number.MAX_SAFE_INTEGER });
      return worldSource(end.world, end.at, end.events);
    };
    const stamp = this.stampOf(simulation, view);
    try {
      return { ...answerAsOf(source, query, () => latest as AnswerSource), ...stamp };
    } catch {
      // Only an unknown name gets here: ask the whole log once whether it exists later.
      latest = await whole();
      return { ...answerAsOf(source, query, () => latest as AnswerSource), ...stamp };
    }
  }

  /** One stored event of a simulation, by id (the read model's index says where it is). */
  async event(simulation: string, eventId: string): Promise<Envelope | undefined> {
    const sim = this.readModel.simulation(simulation)?.sim;
    const link = sim === undefined ? undefined : this.readModel.link(sim, eventId);
    const from = link ? BigInt(link.position - 1) : 0n;
    for await (const stored of this.store.readStream(streamOf(simulation), { from })) {
      const e = decode(stored);
      if (e.eventId === eventId) return e;
      if (link) return undefined;
    }
    return undefined;
  }

  /** Every artifact live at a moment, from the intervals where they answer, else from a fold. */
  async artifacts(
    simulation: string,
    asOf: AsOf,
  ): Promise<{ stamp: ViewStamp; artifacts: Artifact[]; source: AnswerSource }> {
    const indexed = await this.indexed(simulation, asOf);
    if (indexed) {
      const { row, moment } = indexed;
      const source = indexSource(this.readModel, row.sim, moment);
      return { stamp: this.stamp(row, moment), artifacts: source.artifacts({}), source };
    }
    const view = await this.view(simulation, asOf);
    const source = worldSource(view.world, view.at, view.events);
    return { stamp: this.stampOf(simulation, view), artifacts: source.artifacts({}), source };
  }

  /**
   * A principal's timeline over the whole log (named by name, former name or SID as the log knows
   * it at its end): truth intervals and changes, and every artifact interval with its stale parts.
   * From the read model only, so the projector must hold the log (null: it has not seen the
   * simulation yet).
   */
  async timeline(simulation: string, principal: string): Promise<Timeline | null> {
    const { source } = await this.artifacts(simulation, { position: Number.MAX_SAFE_INTEGER });
    const who = source.names.principal(principal, 'principal');
    const row = this.readModel.simulation(simulation);
    return row ? buildTimeline(this.timelineRows, row, who) : null;
  }

  /**
   * The lineage of one event of a simulation (an artifact's source event), oldest first: what
   * `explain` answers for the kinds its arguments cannot name. Null: not an event of it that the
   * projections hold.
   */
  lineage(simulation: string, eventId: string): Record<string, unknown>[] | null {
    const sim = this.readModel.simulation(simulation)?.sim;
    if (sim === undefined || !this.readModel.link(sim, eventId)) return null;
    return lineage({ get: (id) => this.readModel.link(sim, id) }, eventId);
  }

  /** The users and computers of a simulation as its log ends, with their artifact intervals. */
  async principals(simulation: string): Promise<PrincipalEntry[]> {
    const { world } = await this.view(simulation, { position: Number.MAX_SAFE_INTEGER });
    const row = this.readModel.simulation(simulation);
    const counts = row ? this.timelineRows.artifactCounts(row.sim) : new Map<string, number>();
    const order = { user: 0, computer: 1, group: 2 };
    return [...world.directory.principals.values()]
      .filter((p) => p.kind !== 'group')
      .map((p) => ({
        name: p.name,
        sid: p.sid,
        kind: p.kind,
        deleted: p.deleted,
        formerNames: p.formerNames,
        artifacts: counts.get(p.sid) ?? 0,
      }))
      .sort((x, y) => order[x.kind] - order[y.kind] || x.name.localeCompare(y.name));
  }

  private stamp(row: SimulationRow, moment: Moment): ViewStamp {
    return {
      at: moment.at,
      position: moment.position,
      globalPosition:
        moment.position > 0
          ? (this.readModel.eventAt(row.sim, moment.position)?.globalPosition ?? null)
          : null,
      status: row.status,
    };
  }

  stampOf(simulation: string, view: View): ViewStamp {
    return {
      at: view.at,
      position: view.world.position,
      globalPosition: view.world.lastGlobalPosition?.toString() ?? null,
      status: this.readModel.simulation(simulation)?.status ?? null,
    };
  }
}
