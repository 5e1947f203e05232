import type { RecordedEvent } from '@tokentrail/event-store';

/** A stored event as JSON (bigints as decimal strings); `position` is the simulation's event number when known. */
export function serializeEvent(e: RecordedEvent, position?: number) {
  return {
    ...(position !== undefined ? { position } : {}),
    globalPosition: e.position.toString(),
    streamId: e.streamId,
    revision: e.revision.toString(),
    type: e.type,
    data: e.data,
    metadata: e.metadata,
  };
}
