import { createEventStore, parseStoreConfig, type EventStore } from '@tokentrail/event-store';

/** The store TOKENTRAIL_STORE / TOKENTRAIL_DB / EVENTSTORE_CONNECTION_STRING select. */
export function openStore(env: Record<string, string | undefined> = process.env): EventStore {
  return createEventStore(parseStoreConfig(env));
}
