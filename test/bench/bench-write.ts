import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventStoreModule } from '@tokentrail/event-store';
import { CommandSender, SimulationModule, type TimedCommand } from '@tokentrail/simulation';
import {
  enterpriseDomain,
  setUpCommands,
  timelineCommands,
  type EnterpriseOptions,
} from './enterprise';
import { since } from './percentiles';

@Module({ imports: [EventStoreModule, SimulationModule] })
class WriteModule {}

export interface WriteFigures {
  commands: number;
  events: number;
  seconds: number;
  commandsPerSec: number;
  eventsPerSec: number;
}

/**
 * Writes the enterprise through the real command path (CommandSender → ExecuteCommands → the
 * Simulation aggregate's decider → one append per batch) into the embedded store at
 * TOKENTRAIL_DB, until the log holds `events` events. Refused commands (a purge of a session
 * that just ended) are skipped, as an import would.
 */
export async function writeEnterprise(
  simulation: string,
  o: EnterpriseOptions,
  events: number,
  progress: (events: number) => void,
): Promise<WriteFigures> {
  const app = await NestFactory.createApplicationContext(WriteModule, { logger: ['error'] });
  const sender = app.get(CommandSender);
  const d = enterpriseDomain(o);
  let written = 0;
  let commands = 0;
  let batch: TimedCommand[] = [];
  const flush = async () => {
    for (const r of await sender.batch(simulation, batch, { refusals: 'skip' }))
      if ('events' in r) written += r.events.length;
    commands += batch.length;
    batch = [];
    progress(written);
  };
  const start = process.hrtime.bigint();
  const all = function* () {
    yield* setUpCommands(d);
    yield* timelineCommands(o, d);
  };
  for (const { at, ...command } of all()) {
    batch.push({ command, at });
    if (batch.length >= 1000) await flush();
    if (written >= events) break;
  }
  if (batch.length > 0) await flush();
  const seconds = since(start) / 1000;
  await app.close();
  return {
    commands,
    events: written,
    seconds: +seconds.toFixed(1),
    commandsPerSec: Math.round(commands / seconds),
    eventsPerSec: Math.round(written / seconds),
  };
}
