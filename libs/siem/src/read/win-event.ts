/** One Windows Security event, whatever file it came from: the fields every mapping reads. */
export interface WinEvent {
  eventId: number;
  /** The logging computer, short name upper-cased (`WORKSTATION6`, not `workstation6.theshire.local`). */
  computer: string;
  recordId: number | null;
  /** The event log (Security, System, …): record numbers count per log. */
  channel: string;
  /** ISO 8601 UTC. */
  time: string;
  /** EventData Name → value (the `winlog.event_data` of Winlogbeat, the top-level fields of OTRF). */
  data: Record<string, string>;
  format: InputFormat;
  /** Where it was read: for error messages and findings. */
  source: { file: string; line: number };
}

export type InputFormat = 'winlogbeat' | 'ecs' | 'otrf' | 'evtx-xml';

/** A line or record that could not be read; reported with its line number and skipped. */
export interface Malformed {
  file: string;
  line: number;
  reason: string;
}

export function shortComputer(name: string): string {
  return name.split('.')[0].toUpperCase();
}
