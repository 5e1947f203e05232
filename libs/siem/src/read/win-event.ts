import { z } from 'zod';
/** One Windows event, whatever file it came from: the fields every mapping reads. */
export interface WinEvent {
  eventId: number;
  /**
   * The logging computer, short name upper-cased (`WORKSTATION6`, not
   * `workstation6.theshire.local`).
   */
  computer: string;
  recordId: number | null;
  /** The event log (Security, System, …) as the record names it; `''` when it names none. */
  channel: string;
  /** ISO 8601 UTC. */
  time: string;
  /**
   * The zone-less local time as the log wrote it (NXLog `EventTime`); `time` is it read in the
   * file's offset.
   */
  localTime?: string;
  /** When a collector received it (ISO UTC), for a record whose own time has no zone. */
  ingestTime?: string;
  /**
   * EventData Name → value (the `winlog.event_data` of Winlogbeat, the top-level fields of NXLog).
   */
  data: Record<string, string>;
  format: InputFormat;
  /** Where it was read: the line (the element of a JSON array, the record of an .evtx file). */
  source: { file: string; line: number };
}

/**
 * The shapes a record comes in. `otrf` is NXLog flat JSON with a zone-less `EventTime` (as the
 * OTRF data sets ship it); `nxlog` the same with a zoned `TimeCreated`.
 */
export const INPUT_FORMATS = [
  'winlogbeat',
  'winlogbeat6',
  'ecs',
  'otrf',
  'nxlog',
  'sentinel',
  'splunk-xml',
  'evtx-xml',
  'evtx',
] as const;

export type InputFormat = (typeof INPUT_FORMATS)[number];

/** A line or record that could not be read; reported with its line number and skipped. */
export const malformedSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  reason: z.string(),
});
export type Malformed = z.infer<typeof malformedSchema>;

export function shortComputer(name: string): string {
  const dot = name.indexOf('.');
  return (dot === -1 ? name : name.slice(0, dot)).toUpperCase();
}
