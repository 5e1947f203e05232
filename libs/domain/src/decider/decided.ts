import type { SimEvent } from '../events/events';

/**
 * A decided event, before it is stored. Its cause is the event whose state it copied: a stored
 * event (by id), an earlier event of the same decision (by reference), or none. Ids are given
 * when the events are stored, so a decision stays a pure function of the world.
 */
export interface Decided<E extends SimEvent = SimEvent> {
  event: E;
  cause: Cause;
}
export type Cause = string | Decided | null;

export const fact = <E extends SimEvent>(event: E, cause: Cause = null): Decided<E> => ({
  event,
  cause,
});
