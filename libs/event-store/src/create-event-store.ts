import type { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { SqliteEventStore } from './sqlite-event-store';
import type { StoreConfig } from './store-config';

export function createEventStore(config: StoreConfig): EventStore {
  return config.TOKENTRAIL_STORE === 'eventstoredb'
    ? new EventStoreDbEventStore(config.EVENTSTORE_CONNECTION_STRING as string)
    : new SqliteEventStore(config.TOKENTRAIL_DB);
}
