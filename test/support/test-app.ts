import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import {
  EVENT_STORE,
  EventStoreModule,
  SqliteEventStore,
  type EventStore,
} from '@tokentrail/event-store';
import { Projector, READ_MODEL, ReadModel } from '@tokentrail/projections';
import { ScenariosModule } from '@tokentrail/scenarios';
import { SiemModule } from '@tokentrail/siem';

/**
 * The CLI's wiring with an in-memory embedded store (or the one given); `projector: false` keeps
 * the read model still.
 */
export async function createTestApp(
  store: EventStore = new SqliteEventStore(':memory:'),
  readModel = new ReadModel(':memory:'),
  options: { projector?: boolean } = {},
): Promise<INestApplicationContext & { store: EventStore; readModel: ReadModel }> {
  const module = await Test.createTestingModule({
    imports: [EventStoreModule, ScenariosModule, SiemModule],
  })
    .overrideProvider(EVENT_STORE)
    .useValue(store)
    .overrideProvider(READ_MODEL)
    .useValue(readModel)
    .compile();
  const app = await module.init();
  if (options.projector === false) await app.get(Projector).stop();
  return Object.assign(app, { store, readModel });
}
