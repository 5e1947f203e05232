import { parseEventXml } from './parse-evtx-xml';
import { type Json, RecordInvalid, objectOf, text } from './record-fields';
import { shortComputer, type WinEvent } from './win-event';

/**
 * The row of a Splunk export: the fields themselves, or (REST `output_mode=json`) under `result`.
 */
export function splunkRow(r: Json): Json {
  return objectOf(r.result) ?? r;
}

/**
 * A Splunk `XmlWinEventLog` row: `_raw` is the `<Event>` XML. The row's `host` and the log named by
 * `sourcetype` (`XmlWinEventLog:Security`) fill what the XML leaves out.
 */
export function fromSplunk(r: Json, at: { file: string; line: number }): WinEvent {
  const row = splunkRow(r);
  const raw = row._raw;
  if (typeof raw !== 'string' || !raw.trimStart().startsWith('<'))
    throw new RecordInvalid(
      raw === undefined ? 'missing _raw' : '_raw is not <Event> XML (XmlWinEventLog)',
    );
  const event = parseEventXml(raw, at, 'splunk-xml');
  if (!event.computer) event.computer = shortComputer(text(row.host));
  if (!event.channel)
    event.channel = /^(?:Xml)?WinEventLog:(.+)$/.exec(text(row.sourcetype))?.[1] ?? '';
  return event;
}
