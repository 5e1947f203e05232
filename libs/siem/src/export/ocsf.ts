import { PRODUCT, factsOf, recordLabel, type ExportItem, type Finding } from './export-item';

/**
 * OCSF 1.1 classes used here, their category, and the attributes each requires (base event +
 * class).
 */
export const OCSF_CLASSES = {
  accountChange: { class_uid: 3001, category_uid: 3, name: 'Account Change', required: ['user'] },
  authentication: { class_uid: 3002, category_uid: 3, name: 'Authentication', required: ['user'] },
  groupManagement: {
    class_uid: 3006,
    category_uid: 3,
    name: 'Group Management',
    required: ['group'],
  },
  detectionFinding: {
    class_uid: 2004,
    category_uid: 2,
    name: 'Detection Finding',
    required: ['finding_info'],
  },
} as const;

export const OCSF_BASE_REQUIRED = [
  'activity_id',
  'category_uid',
  'class_uid',
  'metadata',
  'severity_id',
  'time',
  'type_uid',
] as const;

type OcsfClass = (typeof OCSF_CLASSES)[keyof typeof OCSF_CLASSES];
export type OcsfObject = Record<string, unknown> & { class_uid: number; activity_id: number };

const metadata = (uid: string, original?: number) => ({
  version: '1.1.0',
  uid,
  product: { name: PRODUCT.name, vendor_name: PRODUCT.vendor, version: PRODUCT.version },
  ...(original !== undefined ? { event_code: String(original) } : {}),
});

function base(
  cls: OcsfClass,
  activity_id: number,
  activity_name: string,
  time: string,
  severity_id: number,
  uid: string,
  original?: number,
) {
  return {
    class_uid: cls.class_uid,
    class_name: cls.name,
    category_uid: cls.category_uid,
    category_name: cls.category_uid === 3 ? 'Identity & Access Management' : 'Findings',
    activity_id,
    activity_name,
    type_uid: cls.class_uid * 100 + activity_id,
    time: Date.parse(time),
    severity_id,
    metadata: metadata(uid, original),
  };
}

/** The activity of each event type in its OCSF class (OCSF 1.1 activity ids). */
const EVENT_CLASS: Record<string, [OcsfClass, number, string]> = {
  MemberAdded: [OCSF_CLASSES.groupManagement, 3, 'Add User'],
  MemberRemoved: [OCSF_CLASSES.groupManagement, 4, 'Remove User'],
  GroupTypeChanged: [OCSF_CLASSES.groupManagement, 99, 'Other'],
  PrincipalCreated: [OCSF_CLASSES.accountChange, 1, 'Create'],
  PrincipalDeleted: [OCSF_CLASSES.accountChange, 6, 'Delete'],
  PrincipalNamed: [OCSF_CLASSES.accountChange, 99, 'Other'],
  SidHistoryAdded: [OCSF_CLASSES.accountChange, 99, 'Other'],
  LoggedOn: [OCSF_CLASSES.authentication, 1, 'Logon'],
  LogonObserved: [OCSF_CLASSES.authentication, 1, 'Logon'],
  LogonDenied: [OCSF_CLASSES.authentication, 1, 'Logon'],
  LoggedOff: [OCSF_CLASSES.authentication, 2, 'Logoff'],
  LogoffObserved: [OCSF_CLASSES.authentication, 2, 'Logoff'],
  TgtIssued: [OCSF_CLASSES.authentication, 3, 'Authentication Ticket'],
  TicketObserved: [OCSF_CLASSES.authentication, 3, 'Authentication Ticket'],
  ServiceTicketIssued: [OCSF_CLASSES.authentication, 4, 'Service Ticket Request'],
  TgtRenewed: [OCSF_CLASSES.authentication, 5, 'Service Ticket Renew'],
};

const TITLES: Record<Finding['type'], string> = {
  'stale-artifact': 'Credential artifact differs from directory truth',
  'lingering-after-removal': 'A logged token still carries a group whose removal was logged',
  'missing-after-add': 'A logged token lacks a group whose addition was logged',
  unexplained: 'A logged token no rule explains',
};

/** OCSF 1.1 objects, or null for an event with no OCSF class here (lineage-internal events). */
export function toOcsf(item: ExportItem): OcsfObject | null {
  if (item.kind === 'finding') {
    const f = item.finding;
    const severity_id = f.severity >= 7 ? 4 : f.severity >= 4 ? 3 : 2;
    return {
      ...base(OCSF_CLASSES.detectionFinding, 1, 'Create', f.at, severity_id, f.id),
      message: f.summary,
      finding_info: {
        uid: f.id,
        title: TITLES[f.type],
        desc: f.summary,
        types: [f.type],
        // The log records that show it, each named as its computer, log, number and time.
        related_events: f.records.map((r) => ({
          uid: recordLabel(r),
          type: `${r.computer} ${r.channel} event ${r.eventId} at ${r.time}`,
        })),
        ...(f.explainedBy
          ? {
              analytic: {
                name: f.explainedBy.rule,
                desc: f.explainedBy.because,
                type_id: 1,
                type: 'Rule',
              },
            }
          : {}),
      },
      resources: [
        { type: f.artifact?.kind ?? 'token', uid: f.artifact?.id ?? f.id, name: f.machine },
      ],
      unmapped: {
        simulation: f.simulation,
        principal: f.principal,
        lingering: f.lingering,
        missing: f.missing,
        records: f.records,
        lineage: f.lineage,
        explained_by: f.explainedBy,
      },
    };
  }
  const e = item.event;
  const mapping = EVENT_CLASS[e.type];
  if (!mapping) return null;
  const [cls, activity, name] = mapping;
  const f = factsOf(e);
  const user = { name: f.user ?? f.userSid ?? 'unknown', uid: f.userSid };
  const denied = e.type === 'LogonDenied';
  return {
    ...base(
      cls,
      activity,
      name,
      e.metadata.occurredAt,
      denied ? 3 : 1,
      e.metadata.eventId,
      f.windowsEventId,
    ),
    status_id: denied ? 2 : 1,
    status: denied ? 'Failure' : 'Success',
    user,
    ...(cls === OCSF_CLASSES.groupManagement
      ? { group: { name: f.group ?? f.groupSid ?? 'unknown', uid: f.groupSid } }
      : {}),
    ...(f.machine ? { dst_endpoint: { hostname: f.machine } } : {}),
    unmapped: { simulation: item.simulation, position: item.seq, type: e.type },
  };
}
