import { Inject, Injectable } from '@nestjs/common';
import type { World } from '@tokentrail/domain';
import { EVENT_STORE, type EventStore } from '@tokentrail/event-store';
import { answerAsOf } from './answer-as-of';
import { foldLog, type AsOf } from './fold-log';
import type { Answer, Query } from './query';

/** A time-travel view: the world as of a moment or a position, and the moment it stands at. */
export interface View {
  world: World;
  at: string;
}

/** Time travel over the store: fold a simulation's log as of T (or P), then answer. */
@Injectable()
export class QueryService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async view(streamPrefix: string, asOf: AsOf): Promise<View> {
    // Every event is read (not filtered by time in the store) so that positions count the whole log.
    const world = await foldLog(this.store.readAll({ filter: { streamPrefix } }), asOf);
    return { world, at: asOf.at ?? world.lastOccurredAt ?? new Date(0).toISOString() };
  }

  async answer(streamPrefix: string, query: Query, asOf: AsOf): Promise<Answer & { at: string }> {
    const view = await this.view(streamPrefix, asOf);
    let latest: World | null = null;
    try {
      return { ...answerAsOf(view.world, view.at, query, () => latest as World), at: view.at };
    } catch (error) {
      // Only an unknown name gets here: ask the whole log once whether it exists later.
      latest = (await this.view(streamPrefix, { position: Number.MAX_SAFE_INTEGER })).world;
      return { ...answerAsOf(view.world, view.at, query, () => latest as World), at: view.at };
    }
  }
}
