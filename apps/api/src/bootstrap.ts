import 'reflect-metadata';
import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import type { ApiConfig } from './api-config';
import { createApp } from './create-app';
import type { Tracing } from './observability/tracing';

/** SIGTERM: open streams end at once; connections still open after this are closed. */
const CLOSE_CONNECTIONS_AFTER_MS = 3000;
/** And the process is gone within 5 s whatever still runs. */
const EXIT_AFTER_MS = 4500;

export async function bootstrap(config: ApiConfig, tracing: Tracing | null): Promise<void> {
  const app = await createApp();
  await app.listen(config.PORT, config.HOST);
  const logger = new Logger('Api');
  logger.log(
    `tokentrail API listening on http://${config.HOST}:${config.PORT} (GET /health, docs at /docs, OpenAPI at /openapi.json; ${config.keys.configured ? `${config.keys.entries.length} API keys` : 'no API keys: loopback only'})`,
  );
  const server = app.getHttpServer() as Server;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`tokentrail API stopping (${signal})`);
    setTimeout(() => server.closeAllConnections(), CLOSE_CONNECTIONS_AFTER_MS).unref();
    setTimeout(() => process.exit(1), EXIT_AFTER_MS).unref();
    app
      .close()
      .then(() => tracing?.shutdown())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(error instanceof Error ? error.message.split('\n')[0] : String(error));
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
