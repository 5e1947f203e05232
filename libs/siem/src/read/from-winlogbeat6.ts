import { zonedTimeOf } from './event-time';
import { type Json, addFields, eventIdOf, recordIdOf, text } from './record-fields';
import { shortComputer, type WinEvent } from './win-event';

/** Winlogbeat 6.x: the same fields at the top level (`event_id`, `log_name`, `record_number`). */
export function fromWinlogbeat6(r: Json, at: { file: string; line: number }): WinEvent {
  const data: Record<string, string> = {};
  addFields(data, r.event_data);
  addFields(data, r.user_data);
  return {
    eventId: eventIdOf(r.event_id, 'event_id'),
    computer: shortComputer(text(r.computer_name)),
    recordId: recordIdOf(r.record_number),
    channel: text(r.log_name),
    time: zonedTimeOf(r['@timestamp'], '@timestamp'),
    data,
    format: 'winlogbeat6',
    source: at,
  };
}
