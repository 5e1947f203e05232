import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { RecordedEvent } from './recorded-event';

export const GENESIS_HASH = '0'.repeat(64);

/** The hashed form: every stored field, bigints as decimal strings (JSON has no bigint). */
function canonicalEvent(event: RecordedEvent): string {
  const text = canonicalize({
    streamId: event.streamId,
    revision: event.revision.toString(),
    position: event.position.toString(),
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  });
  if (text === undefined) throw new Error(`event at ${event.position} cannot be canonicalized`);
  return text;
}

/** sha256(previousHash + canonicalJSON(event)): each link commits to the whole log before it. */
export function chainHash(previousHash: string, event: RecordedEvent): string {
  return createHash('sha256').update(previousHash).update(canonicalEvent(event)).digest('hex');
}
