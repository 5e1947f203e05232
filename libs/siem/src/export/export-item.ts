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
  type: 'stale-artifact' | 'token-divergence';
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
}

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
