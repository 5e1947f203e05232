import type { Envelope } from '@tokentrail/domain';

/** Lineage lookups: the events a view folded, then the read model's index behind them. */
export interface EventLookup {
  get(eventId: string): Envelope | undefined;
}
