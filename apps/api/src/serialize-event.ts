import {
  SCHEMA_VERSION,
  aggregateName,
  aggregateOf,
  streamOf,
  type Envelope,
} from '@tokentrail/domain';

/** A simulation's event as JSON: its position in the simulation (from 1), the store's as text. */
export function serializeEvent(simulation: string, e: Envelope) {
  return {
    position: e.position,
    globalPosition: e.globalPosition.toString(),
    streamId: streamOf(simulation),
    revision: String(e.position - 1),
    type: e.event.type,
    data: e.event.data,
    metadata: {
      eventId: e.eventId,
      occurredAt: e.occurredAt,
      causationId: e.causationId,
      correlationId: e.correlationId,
      schemaVersion: SCHEMA_VERSION,
      aggregate: aggregateName(aggregateOf(e.event)),
    },
  };
}
