import { groupNames, membershipOf, type Envelope } from '@tokentrail/domain';

/**
 * What lineage needs of one event: where it stands, what caused it, and what it copied or
 * changed. The read model keeps this, not the event's whole payload.
 */
export interface LinkRecord {
  eventId: string;
  type: string;
  at: string;
  position: number;
  globalPosition: string;
  causationId: string | null;
  /** What the event copied (`copied` groups) or changed (group and member, SID history, name). */
  detail: Record<string, unknown> | null;
}

function detailOf({ event }: Envelope): Record<string, unknown> | null {
  const membership = membershipOf(event);
  const detail = {
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
  };
  return Object.keys(detail).length > 0 ? detail : null;
}

export function linkOf(e: Envelope): LinkRecord {
  return {
    eventId: e.eventId,
    type: e.event.type,
    at: e.occurredAt,
    position: e.position,
    globalPosition: e.globalPosition.toString(),
    causationId: e.causationId,
    detail: detailOf(e),
  };
}
