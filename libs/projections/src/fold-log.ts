import {
  emptyWorld,
  evolveWorld,
  isSimEventType,
  type SimEvent,
  type World,
} from '@tokentrail/domain';
import type { RecordedEvent } from '@tokentrail/event-store';

/** Where a question stands in the log: a moment (events with occurredAt <= at) or the first N events. */
export type AsOf = { at: string; position?: undefined } | { position: number; at?: undefined };

/**
 * Folds a simulation's events, in log order, up to a moment or a position. For a moment, events
 * after it are never read into the answer, so it cannot depend on them (SEMANTICS.md §12).
 */
export async function foldLog(
  events: AsyncIterable<RecordedEvent>,
  asOf: AsOf | null,
  world: World = emptyWorld(),
  readBefore = world.seq,
  /** The log's times never go backwards: a time question may stop at the first later event. */
  monotonic = false,
): Promise<World> {
  const until = asOf?.at !== undefined ? Date.parse(asOf.at) : null;
  let seq = readBefore;
  for await (const e of events) {
    seq += 1; // the simulation's own sequence number counts every event, folded or not
    if (asOf?.position !== undefined && seq > asOf.position) break;
    if (until !== null && Date.parse(e.metadata.occurredAt) > until) {
      if (monotonic) break;
      continue;
    }
    if (!isSimEventType(e.type)) continue;
    evolveWorld(world, {
      event: { type: e.type, data: e.data } as SimEvent,
      eventId: e.metadata.eventId,
      causationId: e.metadata.causationId,
      occurredAt: e.metadata.occurredAt,
      seq,
      position: e.position,
    });
  }
  return world;
}
