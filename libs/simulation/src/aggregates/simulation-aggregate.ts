import type { Type } from '@nestjs/common';
import { AggregateRoot, type IEventHandler } from '@nestjs/cqrs';
import { evolveOwner, type AggregateKind, type Envelope, type World } from '@tokentrail/domain';

/**
 * What the aggregates share: an identity inside the simulation and applying their own events to
 * the state they own. The state is one world per simulation because every rule reads across
 * aggregates; each aggregate changes only its part. Those that commands address add `handle`,
 * the entry point of their rules.
 */
export abstract class SimulationAggregate extends AggregateRoot<Envelope> {
  abstract readonly kind: AggregateKind;

  constructor(
    protected readonly world: World,
    readonly id: string,
  ) {
    super();
  }

  /**
   * Applies one of this aggregate's events. The simulation keeps the order of a command's events
   * across its aggregates (they are appended together), so each event is applied as history here.
   */
  applyEvent(e: Envelope): void {
    this.apply(e, { fromHistory: true });
  }

  // AggregateRoot calls what this returns with the event (its declared type is a class by mistake).
  protected override getEventHandler(): Type<IEventHandler> {
    return this.evolve as unknown as Type<IEventHandler>;
  }

  private readonly evolve = (e: Envelope) => evolveOwner(this.world, e);
}
