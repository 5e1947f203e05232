import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventStoreModule } from '@tokentrail/event-store';
import { ImportService, SiemModule } from '@tokentrail/siem';
import { since } from './percentiles';

@Module({ imports: [EventStoreModule, SiemModule] })
class ImportModule {}

export interface ImportFigures {
  records: number;
  imported: number;
  malformed: number;
  unknown: Record<string, number>;
  events: number;
  seconds: number;
  importRecordsPerSec: number;
}

/** A Winlogbeat file imported through the real importer (read, map, observe, append). */
export async function importLog(simulation: string, file: string): Promise<ImportFigures> {
  const app = await NestFactory.createApplicationContext(ImportModule, { logger: ['error'] });
  const start = process.hrtime.bigint();
  const s = await app.get(ImportService).import(simulation, [file], {
    format: 'auto',
    timezone: 'UTC',
  });
  const seconds = since(start) / 1000;
  await app.close();
  return {
    records: s.read,
    imported: s.imported,
    malformed: s.malformed,
    unknown: s.unknown,
    events: s.events,
    seconds: +seconds.toFixed(1),
    importRecordsPerSec: Math.round(s.imported / seconds),
  };
}
