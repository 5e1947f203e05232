import { XMLParser } from 'fast-xml-parser';
import { RecordInvalid } from './parse-record';
import { shortComputer, type WinEvent } from './win-event';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  isArray: (name) => name === 'Data',
});

type Node = Record<string, unknown>;
const text = (v: unknown): string =>
  v === undefined || v === null
    ? ''
    : typeof v === 'object'
      ? String((v as Node)['#text'] ?? '')
      : String(v);

/** One `<Event>` element of `wevtutil qe Security /f:xml` output. */
export function parseEventXml(xml: string, at: { file: string; line: number }): WinEvent {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (error) {
    throw new RecordInvalid(`not XML: ${(error as Error).message}`);
  }
  const event = doc.Event as Node | undefined;
  const system = event?.System as Node | undefined;
  if (!system) throw new RecordInvalid('no Event/System element');
  const id = Number(text(system.EventID));
  if (!Number.isInteger(id)) throw new RecordInvalid('Event/System/EventID is not a number');
  const created = (system.TimeCreated as Node | undefined)?.['@SystemTime'];
  const t = Date.parse(String(created));
  if (Number.isNaN(t))
    throw new RecordInvalid('Event/System/TimeCreated/@SystemTime is not a time');
  const data: Record<string, string> = {};
  for (const d of ((event?.EventData as Node | undefined)?.Data as Node[] | undefined) ?? []) {
    const name = d['@Name'];
    if (typeof name === 'string') data[name] = text(d);
  }
  const record = Number(text(system.EventRecordID));
  return {
    eventId: id,
    computer: shortComputer(text(system.Computer)),
    recordId: Number.isFinite(record) ? record : null,
    channel: text(system.Channel) || 'Security',
    time: new Date(t).toISOString(),
    data,
    format: 'evtx-xml',
    source: at,
  };
}
