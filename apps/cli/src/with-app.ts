import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { parseStoreConfig, readModelFile } from '@tokentrail/event-store';
import { assertStoreFile } from '@tokentrail/event-store/store-file';
import { OneLineLogger } from '../../api/src/one-line-logger';
import { CliModule } from './cli.module';

/** Runs `work` inside a Nest application context, closed afterwards (which closes the store). */
export async function withApp<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  // A bad environment or a store path that is not a store is one line, before Nest logs anything.
  const config = parseStoreConfig(process.env);
  if (config.TOKENTRAIL_STORE === 'embedded') assertStoreFile(config.TOKENTRAIL_DB);
  assertStoreFile(readModelFile(config));
  const logger = new OneLineLogger();
  logger.setLogLevels(['error']);
  const app = await NestFactory.createApplicationContext(CliModule, {
    logger,
    abortOnError: false,
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
