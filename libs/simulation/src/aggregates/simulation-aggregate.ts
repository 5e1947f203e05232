import { AggregateRoot } from '@nestjs/cqrs';
import type { AggregateKind, Decided } from '@tokentrail/domain';
import type { RecordedEvent } from '@tokentrail/event-store';

/** A decided event on its way to its stream; published on the EventBus once stored. */
export class SimulationEventDecided {
  constructor(readonly decided: Decided) {}
}

/**
 * The shared shape of the four aggregates: a stream, its revision, and the events decided for it
 * but not yet stored. State lives in the simulation's world, which the aggregates' stored
 * events fold into (one evolve for the write and the read side).
 */
export abstract class SimulationAggregate extends AggregateRoot<SimulationEventDecided> {
  abstract readonly kind: AggregateKind;
  /** Revision of the last stored event; null while the stream does not exist. */
  revision: bigint | null = null;

  constructor(
    readonly id: string,
    readonly stream: string,
  ) {
    super();
  }

  /** A stored event of this aggregate's stream has been folded. */
  stored(event: RecordedEvent): void {
    this.revision = event.revision;
  }

  record(decided: Decided): void {
    this.apply(new SimulationEventDecided(decided), { skipHandler: true });
  }
}
