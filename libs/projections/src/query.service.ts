import { Inject, Injectable } from '@nestjs/common';
import {
  decode,
  deserializeWorld,
  emptyWorld,
  evolve,
  streamOf,
  type Answer,
  type Query,
  type World,
} from '@tokentrail/domain';
import { EVENT_STORE, type EventStore } from '@tokentrail/event-store';
import { answerAsOf } from './answer-as-of';
import type { AsOf } from './as-of';
import { ReadModel, type SimulationStatus } from './read-model';
import { READ_MODEL } from './read-model.token';
import { ReadModelEvents } from './read-model-events';

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
export interface ViewStamp {
  at: string;
  position: number;
  globalPosition: string | null;
  status: SimulationStatus | null;
}

/**
 * Time travel: start from the projector's latest snapshot at or before the question (when there
 * is one), then fold the simulation's remaining events from its stream, so an answer never waits
 * for the projector and costs about the same far into a long log.
 */
@Injectable()
export class QueryService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL) private readonly readModel: ReadModel,
  ) {}

  async view(simulation: string, asOf: AsOf): Promise<View> {
    const stream = streamOf(simulation);
    const row = this.readModel.simulation(simulation);
    const snapshot = this.readModel.latestSnapshot(simulation, asOf);
    const world = snapshot ? deserializeWorld(snapshot.world) : emptyWorld();
    const events = new ReadModelEvents(this.readModel, simulation);
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

  async answer(simulation: string, query: Query, asOf: AsOf): Promise<Answer & ViewStamp> {
    const view = await this.view(simulation, asOf);
    let latest: World | null = null;
    const stamp = this.stampOf(simulation, view);
    try {
      return {
        ...answerAsOf(view.world, view.events, view.at, query, () => latest as World),
        ...stamp,
      };
    } catch {
      // Only an unknown name gets here: ask the whole log once whether it exists later.
      latest = (await this.view(simulation, { position: Number.MAX_SAFE_INTEGER })).world;
      return {
        ...answerAsOf(view.world, view.events, view.at, query, () => latest as World),
        ...stamp,
      };
    }
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
