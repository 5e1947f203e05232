import { Inject, Injectable } from '@nestjs/common';
import { runStreamOf, streamOf } from '@tokentrail/domain';
import { EVENT_STORE, type EventStore } from '@tokentrail/event-store';
import { SimulationRepository } from './simulation.repository';
import { UnknownSimulation } from './unknown-simulation.error';

/** Which simulations exist, and removing one. */
@Injectable()
export class SimulationCatalog {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly repository: SimulationRepository,
  ) {}

  /**
   * Every simulation begins with an event in its stream: one read of one event says whether it
   * exists.
   */
  async assertExists(simulation: string): Promise<void> {
    for await (const _ of this.store.readStream(streamOf(simulation), { maxCount: 1 })) return;
    throw new UnknownSimulation(simulation);
  }

  /**
   * Removes a simulation's log and its runs. The store records the deletion (the stream, its last
   * revision and head hash), and the id is not used again.
   */
  async delete(simulation: string): Promise<{ events: number }> {
    await this.assertExists(simulation);
    const removed = await this.store.deleteStream(streamOf(simulation));
    await this.store.deleteStream(runStreamOf(simulation));
    this.repository.forget(simulation);
    return removed;
  }
}
