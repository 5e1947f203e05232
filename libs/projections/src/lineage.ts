import { groupNames, type World } from '@tokentrail/domain';
import { membershipIn } from './answers';

/**
 * Lineage (SEMANTICS.md §11): walk causation links back from an event to the membership
 * events its SIDs were copied from; returned oldest first. Each link says what it copied.
 */
export function lineage(world: World, eventId: string): Record<string, unknown>[] {
  const chain: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let current: string | null = eventId;
  while (current && !seen.has(current)) {
    seen.add(current);
    const e = world.events.get(current);
    if (!e) break;
    const data = e.event.data as Record<string, unknown>;
    const membership = membershipIn(data);
    chain.push({
      type: e.type,
      at: e.occurredAt,
      position: e.seq,
      globalPosition: e.position.toString(),
      eventId: e.eventId,
      ...(membership ? { copied: groupNames(membership) } : {}),
      ...(e.type === 'MemberAdded' || e.type === 'MemberRemoved'
        ? { group: data.group, member: data.member }
        : {}),
      ...(e.type === 'SidHistoryAdded' ? { principal: data.principal, sid: data.sid } : {}),
      ...(e.type === 'PrincipalCreated' || e.type === 'PrincipalDeleted'
        ? { name: data.name }
        : {}),
    });
    current = e.causationId;
  }
  return chain.reverse();
}
