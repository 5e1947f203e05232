import { groupNames, membershipOf } from '@tokentrail/domain';
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
    const { event } = e;
    const membership = membershipOf(event);
    chain.push({
      type: event.type,
      at: e.occurredAt,
      position: e.position,
      globalPosition: e.globalPosition.toString(),
      eventId: e.eventId,
      ...(membership ? { copied: groupNames(membership) } : {}),
      ...(event.type === 'MemberAdded' || event.type === 'MemberRemoved'
        ? { group: event.data.group, member: event.data.member }
        : {}),
      ...(event.type === 'SidHistoryAdded'
        ? { principal: event.data.principal, sid: event.data.sid }
        : {}),
      ...(event.type === 'PrincipalCreated' || event.type === 'PrincipalDeleted'
        ? { name: event.data.name }
        : {}),
    });
    current = e.causationId;
  }
  return chain.reverse();
}
