import type { Envelope } from '@tokentrail/domain';
import type { EventLookup } from './event-lookup';
import type { ReadModel } from './read-model';

/**
 * A view's lineage index: the events it folded itself (beyond what the projector indexed, or
 * all of them), then the read model's table behind them.
 */
export class ReadModelEvents implements EventLookup {
  private readonly folded = new Map<string, Envelope>();

  constructor(
    private readonly readModel: ReadModel,
    private readonly simulation: string,
  ) {}

  get(eventId: string): Envelope | undefined {
    return this.folded.get(eventId) ?? this.readModel.eventById(this.simulation, eventId);
  }

  add(e: Envelope): void {
    this.folded.set(e.eventId, e);
  }
}
