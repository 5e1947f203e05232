import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  EVENT_STORE,
  STORE_CONFIG,
  SqliteEventStore,
  parseStoreConfig,
  type EventStore,
} from '@tokentrail/event-store';
import { READ_MODEL, ReadModel } from '@tokentrail/projections';
import { API_CONFIG, parseApiConfig } from '../../apps/api/src/api-config';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/create-app';

/**
 * The real HTTP application on a free loopback port, over an in-memory store; `env` configures
 * the API (keys, limits) and the store (signing key) as the environment would. No demo simulations
 * unless `env` asks for them.
 */
export async function startHttp(
  store: EventStore = new SqliteEventStore(':memory:'),
  env: Record<string, string> = {},
): Promise<{ app: INestApplication; url: string; store: EventStore }> {
  const module = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(EVENT_STORE)
    .useValue(store)
    .overrideProvider(READ_MODEL)
    .useValue(new ReadModel(':memory:'))
    .overrideProvider(API_CONFIG)
    .useValue(parseApiConfig({ TOKENTRAIL_LOG_LEVEL: 'silent', TOKENTRAIL_DEMO: 'off', ...env }))
    .overrideProvider(STORE_CONFIG)
    .useValue(parseStoreConfig({ TOKENTRAIL_DB: ':memory:', ...env }))
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are asserted field by field
export type Body = Record<string, any>;

/** A response's status, headers and body: its JSON, or `{ text }` when it is not JSON. */
export async function readReply(res: Response) {
  const text = await res.text();
  let body: Body;
  try {
    body = JSON.parse(text) as Body;
  } catch {
    body = { text };
  }
  return { status: res.status, body, headers: res.headers };
}
