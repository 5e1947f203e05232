import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '@tokentrail/event-store';
import { READ_MODEL, ReadModel } from '@tokentrail/projections';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/create-app';

/** The real HTTP application on a free loopback port, over an in-memory store. */
export async function startHttp(
  store: EventStore = new SqliteEventStore(':memory:'),
): Promise<{ app: INestApplication; url: string; store: EventStore }> {
  const module = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(EVENT_STORE)
    .useValue(store)
    .overrideProvider(READ_MODEL)
    .useValue(new ReadModel(':memory:'))
    .compile();
  const app = module.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: ['error'],
  });
  await configureApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, store };
}
