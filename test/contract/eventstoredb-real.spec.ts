import { describe, it } from 'vitest';
import { EventStoreDbEventStore } from '@tokentrail/event-store';
import { describeEventStoreContract } from './event-store.contract';

const connection = process.env.EVENTSTORE_CONNECTION_STRING;

if (connection) {
  describeEventStoreContract(`EventStoreDB at ${connection}`, async () => {
    const store = new EventStoreDbEventStore(connection);
    return { store, stop: () => store.close() };
  });
} else {
  console.log(
    '[contract] real EventStoreDB run skipped: EVENTSTORE_CONNECTION_STRING is not set (see README, "Running against EventStoreDB")',
  );
  describe('event store contract: real EventStoreDB', () => {
    it.skip('skipped: set EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false) to run against a real server', () => {});
  });
}
