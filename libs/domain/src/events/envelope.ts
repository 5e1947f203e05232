import type { SimEvent, SimEventType } from './events';

/**
 * A stored event as the domain folds it: the fact, its identity and cause, when it happened,
 * and where it stands in the simulation's log.
 */
export interface Envelope<E extends SimEvent = SimEvent> {
  event: E;
  eventId: string;
  /** The event whose membership (or state) this one copied: lineage is a walk over these. */
  causationId: string | null;
  correlationId: string | null;
  occurredAt: string;
  /** The simulation's own event number, from 1 (its stream revision + 1). */
  position: number;
  /** The store's global position (sparse on EventStoreDB). */
  globalPosition: bigint;
  /** The index of the run command that produced it (scenario runs and imports), if any. */
  command: number | null;
}

export type EnvelopeOf<T extends SimEventType> = Envelope<Extract<SimEvent, { type: T }>>;
