import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { parseStoreConfig } from '@tokentrail/event-store';
import { CliModule } from './cli.module';

/** Runs `work` inside a Nest application context, closed afterwards (which closes the store). */
export async function withApp<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  parseStoreConfig(process.env); // a bad environment is one line, before Nest logs anything
  const app = await NestFactory.createApplicationContext(CliModule, {
    logger: ['error'],
    abortOnError: false,
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
