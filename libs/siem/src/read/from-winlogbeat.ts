import { zonedTimeOf } from './event-time';
import { type Json, addFields, eventIdOf, objectOf, recordIdOf, text } from './record-fields';
import { shortComputer, type WinEvent } from './win-event';

interface EcsSubjects {
  group?: { id?: string; name?: string; domain?: string };
  user?: { target?: { id?: string; name?: string } };
}

/**
 * Winlogbeat 7.x/8.x as collected, and ECS documents (after the ingest pipeline, or from Elastic
 * Agent): `winlog.*`, with `@timestamp` the event's own time.
 */
export function fromWinlogbeat(
  r: Json,
  at: { file: string; line: number },
  format: 'winlogbeat' | 'ecs',
): WinEvent {
  const w = objectOf(r.winlog) ?? {};
  const event = objectOf(r.event);
  const host = objectOf(r.host);
  const data: Record<string, string> = {};
  addFields(data, w.event_data);
  addFields(data, w.user_data);
  const ecs = r as EcsSubjects;
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
    eventId: eventIdOf(w.event_id ?? event?.code, 'winlog.event_id'),
    computer: shortComputer(text(w.computer_name ?? host?.hostname ?? host?.name)),
    recordId: recordIdOf(w.record_id),
    channel: text(w.channel),
    time: zonedTimeOf(r['@timestamp'], '@timestamp'),
    data,
    format,
    source: at,
  };
}
