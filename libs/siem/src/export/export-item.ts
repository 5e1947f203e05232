import type { ExpectedSource, FindingClass, RecordRef } from '@tokentrail/domain';
import type { RecordedEvent } from '@tokentrail/event-store';

/**
 * Something tokentrail found: an artifact still carrying other groups than truth, or a logged token
 * the model disagrees with.
 */
export interface Finding {
  /**
   * Stable across exports of the same simulation, so sinks can deduplicate (the webhook's
   * idempotency key).
   */
  id: string;
  /**
   * `stale-artifact`: an artifact differs from truth at T; the others classify a logged token by
   * the evidence model.
   */
  type: 'stale-artifact' | FindingClass;
  at: string;
  simulation: string;
  principal: string;
  machine: string;
  artifact: { kind: string; id: string } | null;
  /**
   * Groups the copy holds that truth no longer grants (the security-relevant case), and the
   * reverse.
   */
  lingering: string[];
  missing: string[];
  summary: string;
  /** 1 (low) … 10 (critical), CEF scale. */
  severity: number;
  /** The rule that produced the artifact the token came from; null when none explains it. */
  explainedBy: { rule: ExpectedSource; because: string } | null;
  /** The log records that show it (computer, channel, record number, time), in time order. */
  records: RecordRef[];
  /** Event ids from the artifact back to the membership event. */
  lineage: string[];
}

/** A log record as one token: `WORKSTATION6/Security#56078@2020-09-14T12:06:02.000Z`. */
export const recordLabel = (r: RecordRef) =>
  `${r.computer}/${r.channel}#${r.recordId ?? '-'}@${r.time}`;

export type ExportItem =
  | { kind: 'event'; simulation: string; seq: number; event: RecordedEvent }
  | { kind: 'finding'; finding: Finding };

export type ExportFormat = 'ecs' | 'ocsf' | 'cef' | 'syslog';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['ecs', 'ocsf', 'cef', 'syslog'];

export const PRODUCT = { vendor: 'tokentrail', name: 'tokentrail', version: '0.1.0' } as const;

const str = (v: unknown) =>
  typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v);

/**
 * The few fields every format reads from an event: who, which group, where, what Windows event it
 * mirrors.
 */
export function factsOf(e: RecordedEvent) {
  const d = e.data as Record<string, unknown>;
  const record = d.record as { eventId?: number; computer?: string } | undefined;
  return {
    user: str(d.member ?? d.user ?? d.principal ?? d.name),
    userSid: str(d.memberSid ?? d.userSid ?? d.principalSid ?? d.sid),
    group: str(d.group),
    groupSid: str(d.groupSid),
    machine: str(d.machine ?? d.server ?? record?.computer),
    session: str(d.session),
    windowsEventId: record?.eventId,
  };
}
