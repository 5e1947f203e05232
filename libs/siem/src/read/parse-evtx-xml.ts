import { XMLParser } from 'fast-xml-parser';
import { localMillis, zonedIso } from './event-time';
import { RecordInvalid } from './record-fields';
import { shortComputer, type WinEvent } from './win-event';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  // Values keep their spaces (an AccessList ends in tabs), and `ns1:LogFileCleared` reads as
  // `LogFileCleared`.
  trimValues: false,
  removeNSPrefix: true,
  isArray: (name) => name === 'Data',
});

type Node = Record<string, unknown>;
const text = (v: unknown): string =>
  v === undefined || v === null
    ? ''
    : typeof v === 'object'
      ? String((v as Node)['#text'] ?? '')
      : String(v);

function parse(xml: string): Node {
  try {
    return parser.parse(xml) as Node;
  } catch (error) {
    throw new RecordInvalid(`not XML: ${(error as Error).message}`);
  }
}

/** `<Data Name="X">v</Data>` as X → v; an unnamed Data is `paramN`, as Winlogbeat names it. */
function addData(data: Record<string, string>, eventData: unknown): void {
  const items = (eventData as Node | undefined)?.Data;
  if (!Array.isArray(items)) return;
  items.forEach((d: unknown, i) => {
    const name = (d as Node | undefined)?.['@Name'];
    data[typeof name === 'string' ? name : `param${i + 1}`] = text(d);
  });
}

/** UserData holds one element whose children are the values (1102 LogFileCleared, …). */
function addUserData(data: Record<string, string>, userData: unknown): void {
  for (const [key, element] of Object.entries((userData as Node | undefined) ?? {})) {
    if (key.startsWith('@') || key === '#text' || typeof element !== 'object') continue;
    for (const [name, value] of Object.entries(element as Node))
      if (!name.startsWith('@') && name !== '#text') data[name] = text(value);
  }
}

/** The `<EventData>` element alone (a Sentinel `EventData` column) as Name → value. */
export function parseEventDataXml(xml: string): Record<string, string> {
  const data: Record<string, string> = {};
  addData(data, parse(xml).EventData);
  return data;
}

/**
 * One `<Event>` element: of `wevtutil qe /f:xml` or `Get-WinEvent` output, of a binary .evtx
 * record, of a Splunk `_raw`. Its SystemTime is UTC by the schema, written with a zone or not.
 */
export function parseEventXml(
  xml: string,
  at: { file: string; line: number },
  format: 'evtx-xml' | 'evtx' | 'splunk-xml' = 'evtx-xml',
): WinEvent {
  const event = parse(xml).Event as Node | undefined;
  const system = event?.System as Node | undefined;
  if (!system) throw new RecordInvalid('no Event/System element');
  const idText = text(system.EventID).trim();
  const id = idText ? Number(idText) : NaN;
  if (!Number.isInteger(id)) throw new RecordInvalid('Event/System/EventID is not a number');
  const created = (system.TimeCreated as Node | undefined)?.['@SystemTime'];
  const local = localMillis(created);
  const time = zonedIso(created) ?? (local === null ? null : new Date(local).toISOString());
  if (time === null) throw new RecordInvalid('Event/System/TimeCreated/@SystemTime is not a time');
  const data: Record<string, string> = {};
  addData(data, event?.EventData);
  addUserData(data, event?.UserData);
  const record = Number(text(system.EventRecordID));
  return {
    eventId: id,
    computer: shortComputer(text(system.Computer).trim()),
    recordId: text(system.EventRecordID).trim() && Number.isFinite(record) ? record : null,
    channel: text(system.Channel).trim(),
    time,
    data,
    format,
    source: at,
  };
}
