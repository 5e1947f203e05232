import { zonedTimeOf } from './event-time';
import { parseEventDataXml } from './parse-evtx-xml';
import { type Json, eventIdOf, recordIdOf, text } from './record-fields';
import { shortComputer, type WinEvent } from './win-event';

/**
 * Log Analytics' own columns and those it derives (Account = Domain\Name, Activity = ID - text).
 */
const META = new Set([
  'TenantId',
  'TimeGenerated',
  'TimeCollected',
  'SourceSystem',
  'Computer',
  'EventSourceName',
  'Channel',
  'Task',
  'Level',
  'EventLevel',
  'EventLevelName',
  'EventID',
  'EventRecordId',
  'EventData',
  'Activity',
  'Account',
  'AccountType',
  'SubjectAccount',
  'TargetAccount',
  'Process',
  'SourceComputerId',
  'EventOriginId',
  'MG',
  'ManagementGroupName',
  'Type',
  '_ResourceId',
]);

/**
 * A Microsoft Sentinel / Log Analytics `SecurityEvent` row. Its `EventData` column holds the
 * `<EventData>` XML; a row without it (4688 rows often) has the values as columns instead.
 */
export function fromSentinel(r: Json, at: { file: string; line: number }): WinEvent {
  let data: Record<string, string> = {};
  if (typeof r.EventData === 'string' && r.EventData.trim()) data = parseEventDataXml(r.EventData);
  else for (const k in r) if (!META.has(k) && r[k] !== null) data[k] = text(r[k]);
  return {
    eventId: eventIdOf(r.EventID, 'EventID'),
    computer: shortComputer(text(r.Computer)),
    recordId: recordIdOf(r.EventRecordId),
    channel: text(r.Channel),
    time: zonedTimeOf(r.TimeGenerated, 'TimeGenerated'),
    data,
    format: 'sentinel',
    source: at,
  };
}
