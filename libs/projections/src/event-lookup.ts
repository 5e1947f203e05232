import type { LinkRecord } from './link-record';

/** Lineage lookups by event id: the events a view folded, then the read model's index. */
export interface EventLookup {
  get(eventId: string): LinkRecord | undefined;
}
