import { Inject, Injectable } from '@nestjs/common';
import { decode } from '@tokentrail/domain';
import {
  EVENT_STORE,
  STORE_CONFIG,
  type EventStore,
  type StoreConfig,
} from '@tokentrail/event-store';
import { LRUCache } from 'lru-cache';
import { Simulation } from './simulation';
import { streamOf } from '@tokentrail/domain';

/**
 * Loads simulations from their streams and keeps the most recently used ones in memory (bounded
 * by TOKENTRAIL_LOADED_SIMULATIONS), catching up with only the events stored since (by this
 * process or any other). A copy that a failed command may have changed is forgotten; so is a
 * deleted one (its stream refuses appends: the command fails with StreamDeleted).
 */
@Injectable()
export class SimulationRepository {
  private readonly loaded: LRUCache<string, Simulation>;

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(STORE_CONFIG) config: StoreConfig,
  ) {
    this.loaded = new LRUCache({ max: config.TOKENTRAIL_LOADED_SIMULATIONS });
  }

  async load(simulation: string): Promise<Simulation> {
    const stream = streamOf(simulation);
    const sim = this.loaded.get(simulation) ?? new Simulation(simulation);
    const from = sim.revision === null ? 0n : sim.revision + 1n;
    for await (const e of this.store.readStream(stream, { from })) sim.fold(decode(e));
    this.loaded.set(simulation, sim);
    return sim;
  }

  forget(simulation: string): void {
    this.loaded.delete(simulation);
  }
}
