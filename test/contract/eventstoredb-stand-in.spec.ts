import { EventStoreDbEventStore } from '@tokentrail/event-store';
import { EsdbStandIn } from '../support/esdb-stand-in';
import { describeEventStoreContract } from './event-store.contract';

// The real @eventstore/db-client over a real socket, against the in-process gRPC stand-in.
describeEventStoreContract('EventStoreDB adapter via the in-process gRPC stand-in', async () => {
  const server = await new EsdbStandIn().start();
  const store = new EventStoreDbEventStore(server.connectionString);
  return {
    store,
    stop: async () => {
      await store.close();
      await server.stop();
    },
  };
});
