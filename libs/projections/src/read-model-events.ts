import type { Envelope } from '@tokentrail/domain';
import type { EventLookup } from './event-lookup';
import { linkOf, type LinkRecord } from './link-record';
import type { ReadModel } from './read-model';

/**
 * A view's lineage index: the events it folded that the projector has not indexed yet, then the
 * read model's index behind them (so a long fold keeps no copy of what is indexed).
 */
export class ReadModelEvents implements EventLookup {
  private readonly folded = new Map<string, Envelope>();

  constructor(
    private readonly readModel: ReadModel,
    private readonly sim: number | null,
    /** How many of the simulation's events the read model holds. */
    private readonly indexed = 0,
  ) {}

  get(eventId: string): LinkRecord | undefined {
    const e = this.folded.get(eventId);
    if (e) return linkOf(e);
    return this.sim === null ? undefined : this.readModel.link(this.sim, eventId);
  }

  add(e: Envelope): void {
    if (e.position > this.indexed) this.folded.set(e.eventId, e);
  }
}
