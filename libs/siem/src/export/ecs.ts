import type { Ecs } from '@elastic/ecs';
import { PRODUCT, factsOf, type ExportItem } from './export-item';

/**
 * ECS documents: Winlogbeat's `event.action` names for the facts it also reports, `event.kind:
 * alert` for findings.
 */
export type EcsDocument = Ecs & { tokentrail: Record<string, unknown> };

/** The ECS version the documents follow: the one @elastic/ecs types them against. */
export const ECS_VERSION = '9.4.0';

/** event type → [event.action as Winlogbeat names it, event.category, event.type]. */
const ACTIONS: Record<string, [string, string[], string[]]> = {
  MemberAdded: ['added-member-to-group', ['iam'], ['group', 'change']],
  MemberRemoved: ['removed-member-from-group', ['iam'], ['group', 'change']],
  PrincipalCreated: ['added-user-account', ['iam'], ['user', 'creation']],
  PrincipalDeleted: ['deleted-user-account', ['iam'], ['user', 'deletion']],
  PrincipalNamed: ['renamed-user-account', ['iam'], ['user', 'change']],
  GroupTypeChanged: ['type-changed-group-account', ['iam'], ['group', 'change']],
  SidHistoryAdded: ['added-sid-history', ['iam'], ['user', 'change']],
  LoggedOn: ['logged-in', ['authentication'], ['start']],
  LogonObserved: ['logged-in', ['authentication'], ['start']],
  LogonDenied: ['logon-failed', ['authentication'], ['start']],
  LoggedOff: ['logged-out', ['authentication'], ['end']],
  LogoffObserved: ['logged-out', ['authentication'], ['end']],
  TgtIssued: ['kerberos-authentication-ticket-requested', ['authentication'], ['start']],
  ServiceTicketIssued: ['kerberos-service-ticket-requested', ['authentication'], ['start']],
  TgtRenewed: ['kerberos-service-ticket-renewed', ['authentication'], ['start']],
  TicketObserved: ['kerberos-authentication-ticket-requested', ['authentication'], ['start']],
  TokenGroupsObserved: ['group-membership-enumerated', ['iam'], ['group', 'info']],
};

export function toEcs(item: ExportItem): EcsDocument {
  if (item.kind === 'finding') {
    const f = item.finding;
    return {
      '@timestamp': f.at,
      ecs: { version: ECS_VERSION },
      message: f.summary,
      event: {
        kind: 'alert',
        category: ['iam'],
        type: ['info'],
        action: f.type,
        id: f.id,
        severity: f.severity,
        provider: PRODUCT.name,
      },
      user: { name: f.principal },
      host: { name: f.machine },
      group: f.lingering.length ? { name: f.lingering[0] } : undefined,
      tokentrail: {
        simulation: f.simulation,
        finding: f.type,
        artifact: f.artifact,
        lingering: f.lingering,
        missing: f.missing,
        explained_by: f.explainedBy,
        records: f.records,
        lineage: f.lineage,
      },
    };
  }
  const e = item.event;
  const facts = factsOf(e);
  const [action, category, type] = ACTIONS[e.type] ?? [
    e.type.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase(),
    ['iam'],
    ['info'],
  ];
  const d = e.data as Record<string, unknown>;
  return {
    '@timestamp': e.metadata.occurredAt,
    ecs: { version: ECS_VERSION },
    message: `${e.type} in simulation ${item.simulation}`,
    event: {
      kind: 'event',
      action,
      category,
      type,
      id: e.metadata.eventId,
      sequence: item.seq,
      provider: PRODUCT.name,
      code: facts.windowsEventId !== undefined ? String(facts.windowsEventId) : undefined,
      outcome: d.denied === true || e.type === 'LogonDenied' ? 'failure' : 'success',
      created: e.metadata.recordedAt,
    },
    user: facts.user ? { name: facts.user, id: facts.userSid } : undefined,
    group: facts.group ? { name: facts.group, id: facts.groupSid } : undefined,
    host: facts.machine ? { name: facts.machine } : undefined,
    tokentrail: {
      simulation: item.simulation,
      type: e.type,
      position: item.seq,
      global_position: e.position.toString(),
      causation_id: e.metadata.causationId,
      data: e.data,
    },
  };
}
