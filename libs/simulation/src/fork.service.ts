import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  EVENT_STORE,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@tokentrail/event-store';
import type { AsOf } from '@tokentrail/projections';
import { simulationPrefix } from '@tokentrail/domain';

/**
 * A fork: a new simulation whose log is a copy of another's up to a moment (or position). The
 * copies keep their event ids, so lineage links stay valid; the original is never touched.
 */
@Injectable()
export class ForkService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async fork(
    simulation: string,
    asOf: AsOf,
    id = `${simulation}~fork-${randomUUID().slice(0, 8)}`,
  ): Promise<string> {
    const from = simulationPrefix(simulation);
    const to = simulationPrefix(id);
    const until = asOf.at !== undefined ? Date.parse(asOf.at) : null;
    let seq = 0;
    let batch: { stream: string; events: NewEvent[] } | null = null;
    const flush = async () => {
      if (batch) await this.store.append(batch.stream, batch.events, { expectedRevision: 'any' });
      batch = null;
    };
    for await (const e of this.store.readAll({ filter: { streamPrefix: from } })) {
      seq += 1;
      if (asOf.position !== undefined && seq > asOf.position) break;
      if (until !== null && Date.parse(e.metadata.occurredAt) > until) continue;
      const stream = to + e.streamId.slice(from.length);
      if (batch && (batch as { stream: string }).stream !== stream) await flush();
      batch ??= { stream, events: [] };
      batch.events.push(copyOf(e));
    }
    await flush();
    return id;
  }
}

function copyOf(e: RecordedEvent): NewEvent {
  const { eventId, occurredAt, correlationId, causationId, schemaVersion } = e.metadata;
  return {
    type: e.type,
    data: e.data,
    metadata: { eventId, occurredAt, correlationId, causationId, schemaVersion },
  };
}
