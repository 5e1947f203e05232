import type { Envelope } from '@tokentrail/domain';
import type { EventLookup } from './event-lookup';
import { linkOf, type LinkRecord } from './link-record';
import type { ReadModel } from './read-model';

/**
 * A view's lineage index: the events it folded itself (beyond what the projector indexed, or
 * all of them), then the read model's index behind them.
 */
export class ReadModelEvents implements EventLookup {
  private readonly folded = new Map<string, Envelope>();

  constructor(
    private readonly readModel: ReadModel,
    private readonly sim: number | null,
  ) {}

  get(eventId: string): LinkRecord | undefined {
    const e = this.folded.get(eventId);
    if (e) return linkOf(e);
    return this.sim === null ? undefined : this.readModel.link(this.sim, eventId);
  }

  add(e: Envelope): void {
    this.folded.set(e.eventId, e);
  }
}
