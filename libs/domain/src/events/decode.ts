import { isSimEventType } from './aggregate';
import type { Envelope } from './envelope';
import { SCHEMA_VERSION, type SimEvent } from './events';

/** A stored event as any event store returns it (the event-store port's RecordedEvent fits). */
export interface StoredFact {
  type: string;
  data: unknown;
  revision: bigint;
  position: bigint;
  metadata: {
    eventId: string;
    occurredAt: string;
    causationId: string | null;
    correlationId: string | null;
    schemaVersion: number;
    command?: number | null;
  };
}

/** A stored event this version cannot read: its type or payload version is unknown. */
export class UndecodableEvent extends Error {
  override readonly name = 'UndecodableEvent';
  constructor(
    readonly position: bigint,
    reason: string,
  ) {
    super(`event at position ${position}: ${reason}`);
  }
}

/**
 * The one seam where a stored event becomes a domain event. Payloads carry the version of their
 * shape; version 2 is this one. (Version 1 was written by tokentrail 0.1 into one stream per
 * aggregate; those stores are not read: README, "Upgrading".)
 */
export function decode(stored: StoredFact): Envelope {
  if (!isSimEventType(stored.type))
    throw new UndecodableEvent(stored.position, `unknown type ${stored.type}`);
  const version = stored.metadata.schemaVersion;
  if (version !== SCHEMA_VERSION) {
    throw new UndecodableEvent(
      stored.position,
      `payload version ${version} (this version reads ${SCHEMA_VERSION})`,
    );
  }
  return {
    event: { type: stored.type, data: stored.data } as SimEvent,
    eventId: stored.metadata.eventId,
    causationId: stored.metadata.causationId,
    correlationId: stored.metadata.correlationId,
    occurredAt: stored.metadata.occurredAt,
    position: Number(stored.revision) + 1,
    globalPosition: stored.position,
    command: stored.metadata.command ?? null,
  };
}
