import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@tokentrail/event-store';
import { LoadedSimulation } from './loaded-simulation';
import { simulationPrefix } from '@tokentrail/domain';

/**
 * Loads simulations from the store and keeps them in memory, catching up with only the events
 * stored since the last load (by this process or any other).
 */
@Injectable()
export class SimulationRepository {
  private readonly loaded = new Map<string, LoadedSimulation>();

  constructor(@Inject(EVENT_STORE) readonly store: EventStore) {}

  async load(simulation: string): Promise<LoadedSimulation> {
    return (await this.catchUp(simulation)).sim;
  }

  /** Loads a simulation and says which events were new since the last load. */
  async catchUp(simulation: string): Promise<{ sim: LoadedSimulation; folded: RecordedEvent[] }> {
    const prefix = simulationPrefix(simulation);
    const sim = this.loaded.get(simulation) ?? new LoadedSimulation(simulation);
    const folded: RecordedEvent[] = [];
    // Positions of EventStoreDB are sparse: read from the last one seen and skip it.
    const from = sim.lastPosition ?? undefined;
    for await (const e of this.store.readAll({
      fromPosition: from,
      filter: { streamPrefix: prefix },
    })) {
      if (from !== undefined && e.position <= from) continue;
      sim.fold(e);
      folded.push(e);
    }
    this.loaded.set(simulation, sim);
    return { sim, folded };
  }

  /** Drops the cached copy (after a failed append: the next load reads the truth from the store). */
  forget(simulation: string): void {
    this.loaded.delete(simulation);
  }
}
