import { hash } from 'node:crypto';
import type { EventMetadata } from './recorded-event';

/** The hash before a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * What one link of a stream's chain commits to: every stored field but the store's global position.
 */
export interface ChainedFields {
  streamId: string;
  /** A number or a bigint: both print the same digits. */
  revision: bigint | number;
  type: string;
  /** The event's data exactly as stored (JSON text). */
  dataText: string;
  metadata: EventMetadata;
}

/**
 * sha256(previous hash, then the event): each link commits to its stream's whole history before
 * it. The global position is left out, so a stream's chain is the same in any store it is copied
 * to.
 */
export function chainHash(previousHash: string, e: ChainedFields): string {
  const m = e.metadata;
  const header = JSON.stringify([
    e.streamId,
    e.revision.toString(),
    e.type,
    m.eventId,
    m.occurredAt,
    m.recordedAt,
    m.correlationId,
    m.causationId,
    m.schemaVersion,
    m.aggregate,
    m.command,
  ]);
  return hash('sha256', `${previousHash}${header}\n${e.dataText}`);
}
