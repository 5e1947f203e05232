/**
 * `npm run bench:queries`: the cost of a time-travel question early, in the middle and late in a
 * long simulation (snapshots every 500 events keep it flat). Prints JSON. Not a test.
 * BENCH_STEPS sets the scenario's length (default 6,000 steps).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { EventStoreModule } from '@tokentrail/event-store';
import { Projector, QueryService } from '@tokentrail/projections';
import {
  ScenarioRunner,
  ScenariosModule,
  parseScenarioText,
  planScenario,
} from '@tokentrail/scenarios';
import { bigScenario } from '../support/big-scenario';

@Module({ imports: [EventStoreModule, ScenariosModule] })
class BenchModule {}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tokentrail-qbench-'));
  process.env.TOKENTRAIL_DB = join(dir, 'bench.db');
  const steps = Number(process.env.BENCH_STEPS ?? 6000);
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
  const plan = planScenario(parseScenarioText(bigScenario(steps)));
  const t0 = process.hrtime.bigint();
  const run = await app.get(ScenarioRunner).run(plan, { simulation: 'big' });
  const writeSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const t1 = process.hrtime.bigint();
  await app.get(Projector).settled();
  const projectSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  const queries = app.get(QueryService);
  const total = run.events;
  const timings: Record<string, number> = {};
  for (const [label, position] of [
    ['early', Math.round(total * 0.05)],
    ['middle', Math.round(total / 2)],
    ['late', total],
  ] as const) {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = process.hrtime.bigint();
      await queries.answer('big', { kind: 'stale', args: {} }, { position });
      samples.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    timings[`${label} (event ${position}) ms, median of 5`] = +samples
      .sort((a, b) => a - b)[2]
      .toFixed(1);
  }
  await app.close();
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  else console.error(`kept ${dir}`);
  console.log(
    JSON.stringify(
      {
        steps,
        events: total,
        write: {
          seconds: +writeSeconds.toFixed(2),
          commands: plan.commands.length,
          commandsPerSecond: Math.round(plan.commands.length / writeSeconds),
        },
        projection: { seconds: +projectSeconds.toFixed(2) },
        staleQuery: timings,
        node: process.version,
      },
      null,
      2,
    ),
  );
}

void main();
