import type { InputFormat, WinEvent } from './win-event';
import { shortComputer } from './win-event';

type Json = Record<string, unknown>;

/** Raised for a record that is JSON but not a usable event: the reason names the field. */
export class RecordInvalid extends Error {}

const str = (v: unknown): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v);

function eventIdOf(value: unknown, field: string): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value.trim())
        ? Number(value)
        : NaN;
  if (!Number.isInteger(n))
    throw new RecordInvalid(
      value === undefined
        ? `missing ${field}`
        : `${field} is not an event number: ${JSON.stringify(value)}`,
    );
  return n;
}

function isoOf(value: unknown, field: string): string {
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(t))
    throw new RecordInvalid(
      value === undefined ? `missing ${field}` : `${field} is not a time: ${JSON.stringify(value)}`,
    );
  return new Date(t).toISOString();
}

/** OTRF / NXLog `EventTime` is the collector's local time without a zone: the zone comes from the caller (default UTC). */
export function localTimeToIso(value: unknown, zone: string): string {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)
  ) {
    throw new RecordInvalid(
      value === undefined
        ? 'missing EventTime'
        : `EventTime is not a local time (YYYY-MM-DD HH:MM:SS): ${JSON.stringify(value)}`,
    );
  }
  return isoOf(`${value.replace(' ', 'T')}${zone === 'UTC' ? 'Z' : zone}`, 'EventTime');
}

/** Which reader fits a JSON record. */
export function detectJsonFormat(record: Json): InputFormat | null {
  if (record.winlog && typeof record.winlog === 'object')
    return record.event && typeof record.event === 'object' && 'kind' in (record.event as Json)
      ? 'ecs'
      : 'winlogbeat';
  // NXLog fields without an EventID still are OTRF: the reader then names what is missing.
  if ('EventID' in record || 'EventTime' in record || 'Hostname' in record) return 'otrf';
  return null;
}

/** Winlogbeat (as collected) and ECS documents (after the ingest pipeline) keep `winlog.event_data`. */
function fromWinlogbeat(
  r: Json,
  at: { file: string; line: number },
  format: 'winlogbeat' | 'ecs',
): WinEvent {
  const w = (r.winlog ?? {}) as Json;
  const data = Object.fromEntries(
    Object.entries((w.event_data ?? {}) as Json).map(([k, v]) => [k, str(v)]),
  );
  const ecs = r as {
    group?: { id?: string; name?: string; domain?: string };
    user?: { target?: { id?: string; name?: string } };
  };
  // A pure ECS document without event_data: the group and target fields say the same.
  if (!w.event_data && ecs.group?.id)
    Object.assign(data, {
      TargetSid: ecs.group.id,
      TargetUserName: ecs.group.name ?? '',
      TargetDomainName: ecs.group.domain ?? '',
    });
  if (!w.event_data && ecs.user?.target?.id)
    Object.assign(data, { MemberSid: ecs.user.target.id, MemberName: ecs.user.target.name ?? '' });
  return {
    eventId: eventIdOf(w.event_id ?? (r.event as Json | undefined)?.code, 'winlog.event_id'),
    computer: shortComputer(str(w.computer_name ?? (r.host as Json | undefined)?.name)),
    recordId: w.record_id === undefined ? null : Number(w.record_id),
    channel: str(w.channel) || 'Security',
    time: isoOf(r['@timestamp'], '@timestamp'),
    data,
    format,
    source: at,
  };
}

const OTRF_META = new Set([
  'EventID',
  'Hostname',
  'RecordNumber',
  'EventTime',
  'EventReceivedTime',
  '@timestamp',
  'Message',
  'Channel',
  'tags',
  'host',
  'port',
  '@version',
]);

function fromOtrf(r: Json, at: { file: string; line: number }, zone: string): WinEvent {
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) if (!OTRF_META.has(k)) data[k] = str(v);
  return {
    eventId: eventIdOf(r.EventID, 'EventID'),
    computer: shortComputer(str(r.Hostname)),
    recordId: r.RecordNumber === undefined ? null : Number(r.RecordNumber),
    channel: str(r.Channel) || 'Security',
    time: localTimeToIso(r.EventTime, zone),
    data,
    format: 'otrf',
    source: at,
  };
}

/** One JSON record as a WinEvent, in the given (or detected) format. */
export function parseJsonRecord(
  record: unknown,
  format: InputFormat | 'auto',
  at: { file: string; line: number },
  zone: string,
): WinEvent {
  if (!record || typeof record !== 'object' || Array.isArray(record))
    throw new RecordInvalid('not a JSON object');
  const r = record as Json;
  const f = format === 'auto' ? detectJsonFormat(r) : format;
  if (f === 'otrf') return fromOtrf(r, at, zone);
  if (f === 'winlogbeat' || f === 'ecs') return fromWinlogbeat(r, at, f);
  throw new RecordInvalid('neither Winlogbeat/ECS (winlog.*) nor OTRF (EventID) fields');
}
