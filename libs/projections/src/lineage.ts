import type { EventLookup } from './event-lookup';

/**
 * Lineage (SEMANTICS.md §11): walk causation links back from an event to the membership events
 * its SIDs were copied from; returned oldest first. Each link says what it copied.
 */
export function lineage(events: EventLookup, eventId: string): Record<string, unknown>[] {
  const chain: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let current: string | null = eventId;
  while (current && !seen.has(current)) {
    seen.add(current);
    const e = events.get(current);
    if (!e) break;
    chain.push({
      type: e.type,
      at: e.at,
      position: e.position,
      globalPosition: e.globalPosition,
      eventId: e.eventId,
      ...e.detail,
    });
    current = e.causationId;
  }
  return chain.reverse();
}
