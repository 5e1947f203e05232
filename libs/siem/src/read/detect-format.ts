import { type Json, objectOf } from './record-fields';
import { splunkRow } from './from-splunk';
import type { InputFormat } from './win-event';

/** Which reader fits a JSON record, by the fields only that shape has; null when none does. */
export function detectJsonFormat(r: Json): InputFormat | null {
  const event = objectOf(r.event);
  if (objectOf(r.winlog))
    // After the ingest pipeline (or from Elastic Agent) a document is categorised; as collected,
    // not.
    return event?.category || event?.module || r.data_stream ? 'ecs' : 'winlogbeat';
  if ('event_id' in r && ('event_data' in r || 'log_name' in r || 'computer_name' in r))
    return 'winlogbeat6';
  if (typeof splunkRow(r)._raw === 'string') return 'splunk-xml';
  if ('TimeGenerated' in r && 'EventID' in r) return 'sentinel';
  if ('TimeCreated' in r && 'EventID' in r) return 'nxlog';
  // NXLog fields without an EventID still are NXLog: the reader then names what is missing.
  if ('EventID' in r || 'EventTime' in r || 'Hostname' in r) return 'otrf';
  if (event?.code !== undefined && (event.provider || event.module || r.data_stream)) return 'ecs';
  return null;
}
