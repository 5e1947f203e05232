import { Inject, Injectable } from '@nestjs/common';
import { deserializeWorld, emptyWorld, simulationPrefix, type World } from '@tokentrail/domain';
import { EVENT_STORE, type EventStore } from '@tokentrail/event-store';
import { answerAsOf } from './answer-as-of';
import { foldLog, type AsOf } from './fold-log';
import type { Answer, Query } from './query';
import { ReadModel } from './read-model';
import { READ_MODEL } from './read-model.token';
import { ReadModelEvents } from './read-model-events';

/** A time-travel view: the world as of a moment or a position, and the moment it stands at. */
export interface View {
  world: World;
  at: string;
}

/**
 * Time travel: start from the projector's latest snapshot at or before the question (when there
 * is one), then fold the simulation's remaining events from the store, so an answer never waits
 * for the projector and costs about the same far into a long log.
 */
@Injectable()
export class QueryService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly readModel: ReadModel,
  ) {}

  async view(simulation: string, asOf: AsOf): Promise<View> {
    const row = this.readModel.simulation(simulation);
    const snapshot = this.readModel.latestSnapshot(simulation, { seq: asOf.position, at: asOf.at });
    const events = new ReadModelEvents(this.readModel, simulation, true);
    const world = snapshot
      ? deserializeWorld(snapshot.world, events)
      : Object.assign(emptyWorld(), { events });
    const from = snapshot?.position;
    // Every event is read (not filtered by time in the store) so that positions count the whole log.
    const log = this.store.readAll({
      fromPosition: from,
      filter: { streamPrefix: simulationPrefix(simulation) },
    });
    async function* after(): AsyncIterable<typeof log extends AsyncIterable<infer E> ? E : never> {
      for await (const e of log) if (from === undefined || e.position > from) yield e;
    }
    await foldLog(after(), asOf, world, snapshot?.seq ?? 0, row?.monotonic ?? false);
    return { world, at: asOf.at ?? world.lastOccurredAt ?? new Date(0).toISOString() };
  }

  async answer(simulation: string, query: Query, asOf: AsOf): Promise<Answer & ViewStamp> {
    const view = await this.view(simulation, asOf);
    const stamp = stampOf(view);
    let latest: World | null = null;
    try {
      return { ...answerAsOf(view.world, view.at, query, () => latest as World), ...stamp };
    } catch {
      // Only an unknown name gets here: ask the whole log once whether it exists later.
      latest = (await this.view(simulation, { position: Number.MAX_SAFE_INTEGER })).world;
      return { ...answerAsOf(view.world, view.at, query, () => latest as World), ...stamp };
    }
  }
}

/** Where an answer stands: the moment, the simulation's event number and the store's global position. */
export interface ViewStamp {
  at: string;
  position: number;
  globalPosition: string | null;
}

export function stampOf(view: View): ViewStamp {
  return {
    at: view.at,
    position: view.world.seq,
    globalPosition: view.world.lastPosition?.toString() ?? null,
  };
}
