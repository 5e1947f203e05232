import { localMillis, zonedIso } from './event-time';
import { type Json, RecordInvalid, eventIdOf, recordIdOf, text } from './record-fields';
import { shortComputer, type WinEvent } from './win-event';

/** NXLog's own fields; every other top-level field is EventData. */
const META = new Set([
  'EventID',
  'Hostname',
  'RecordNumber',
  'EventTime',
  'TimeCreated',
  'EventReceivedTime',
  '@timestamp',
  'Message',
  'Channel',
  'tags',
  'host',
  'port',
  '@version',
]);

/**
 * NXLog `im_msvistalog` flat JSON: `otrf` takes its time from `EventTime` (the collector's local
 * time, usually without a zone), `nxlog` from `TimeCreated` (zoned). A zone-less time keeps the
 * zoned ingest `@timestamp` beside it, from which the file's offset can be inferred.
 */
export function fromNxlog(
  r: Json,
  at: { file: string; line: number },
  format: 'otrf' | 'nxlog',
): WinEvent {
  const data: Record<string, string> = {};
  for (const k in r) if (!META.has(k)) data[k] = text(r[k]);
  const event: WinEvent = {
    eventId: eventIdOf(r.EventID, 'EventID'),
    computer: shortComputer(text(r.Hostname)),
    recordId: recordIdOf(r.RecordNumber),
    channel: text(r.Channel),
    time: '',
    data,
    format,
    source: at,
  };
  const field = format === 'otrf' ? 'EventTime' : 'TimeCreated';
  const value = r[field];
  const zoned = zonedIso(value);
  if (zoned !== null) event.time = zoned;
  else if (localMillis(value) !== null) {
    event.localTime = value as string;
    const ingest = zonedIso(r['@timestamp']);
    if (ingest !== null) event.ingestTime = ingest;
  } else
    throw new RecordInvalid(
      value === undefined
        ? `missing ${field}`
        : `${field} is not a local time (YYYY-MM-DD HH:MM:SS): ${JSON.stringify(value)}`,
    );
  return event;
}
