import { detectJsonFormat } from './detect-format';
import { fromNxlog } from './from-nxlog';
import { fromSentinel } from './from-sentinel';
import { fromSplunk } from './from-splunk';
import { fromWinlogbeat } from './from-winlogbeat';
import { fromWinlogbeat6 } from './from-winlogbeat6';
import { RecordInvalid, objectOf } from './record-fields';
import type { InputFormat, WinEvent } from './win-event';

export { RecordInvalid } from './record-fields';
export { detectJsonFormat } from './detect-format';

/** One JSON record as a WinEvent, in the given format or the one its fields show. */
export function parseJsonRecord(
  record: unknown,
  format: InputFormat | 'auto',
  at: { file: string; line: number },
): WinEvent {
  const r = objectOf(record);
  if (!r) throw new RecordInvalid('not a JSON object');
  const f = format === 'auto' ? detectJsonFormat(r) : format;
  switch (f) {
    case 'winlogbeat':
    case 'ecs':
      return fromWinlogbeat(r, at, f);
    case 'winlogbeat6':
      return fromWinlogbeat6(r, at);
    case 'otrf':
    case 'nxlog':
      return fromNxlog(r, at, f);
    case 'sentinel':
      return fromSentinel(r, at);
    case 'splunk-xml':
      return fromSplunk(r, at);
    case 'evtx-xml':
    case 'evtx':
      throw new RecordInvalid(`a JSON record, but the format is set to ${f}`);
    case null:
      throw new RecordInvalid(
        'no event fields of a known shape (winlog.*, event_id, EventID, TimeGenerated, _raw)',
      );
  }
}
