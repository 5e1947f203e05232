import type { EventIndexEntry, EventLookup } from '@tokentrail/domain';
import type { ReadModel } from './read-model';

/**
 * A world's lineage index backed by the read model's table, with an in-memory overlay for events
 * folded beyond what the projector has indexed (or none, where the caller indexes as it folds).
 */
export class ReadModelEvents implements EventLookup {
  private readonly overlay = new Map<string, EventIndexEntry>();

  constructor(
    private readonly readModel: ReadModel,
    private readonly simulation: string,
    private readonly keepOverlay: boolean,
  ) {}

  get(eventId: string): EventIndexEntry | undefined {
    return this.overlay.get(eventId) ?? this.readModel.eventById(this.simulation, eventId);
  }

  set(eventId: string, entry: EventIndexEntry): void {
    if (this.keepOverlay) this.overlay.set(eventId, entry);
  }
}
