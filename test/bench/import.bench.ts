/**
 * `node dist/test/bench/import.bench.js` (after `npm run build`): the import rate of records that
 * map to commands, on a large synthetic Winlogbeat 8 NDJSON file (synthetic-winlogbeat.ts: real
 * OTRF records, copied), as one JSON object. Two figures: `siem` reads, orders, maps and decides
 * every record against an in-memory simulation (no store: the SIEM side alone); `import` is
 * `tokentrail import` end to end into an embedded store in a temp folder (projector off, as a bulk
 * writer runs). BENCH_LINES changes the size (default 300,000); BENCH_ONLY=siem|import runs one.
 * Not a test: it takes a minute. Profile with `node --cpu-prof dist/test/bench/import.bench.js`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Simulation, type TimedCommand } from '@tokentrail/simulation';
import {
  ImportService,
  RecordOrder,
  mapEvent,
  readInputBatches,
  type WinEvent,
} from '@tokentrail/siem';
import { CliModule } from '../../apps/cli/src/cli.module';
import { writeSyntheticWinlogbeat } from './synthetic-winlogbeat';

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
/** CPU seconds of this process since `from`: the figure other processes on the machine spare. */
const cpu = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};
const rates = (mapped: number, wall: number, used: number) => ({
  seconds: +wall.toFixed(2),
  cpuSeconds: +used.toFixed(2),
  mappedPerSecond: Math.round(mapped / wall),
  mappedPerCpuSecond: Math.round(mapped / used),
});

/** Reading, ordering, mapping and the observe decisions, with no store behind them. */
async function siemSide(file: string) {
  const started = process.hrtime.bigint();
  const usage = process.cpuUsage();
  const sim = new Simulation('bench');
  const order = new RecordOrder(Number(process.env.BENCH_WINDOW ?? 50_000));
  let read = 0;
  let mapped = 0;
  let batch: TimedCommand[] = [];
  const ready: WinEvent[] = [];
  const send = (e: WinEvent) => {
    const m = mapEvent(e);
    if (!('observation' in m)) return;
    mapped += 1;
    batch.push({ command: { verb: 'observe', args: m.observation }, at: e.time });
    if (batch.length >= 2000) {
      sim.decide(batch, null, 'skip');
      batch = [];
    }
  };
  for await (const items of readInputBatches([file])) {
    for (const item of items) {
      if (!('event' in item)) continue;
      read += 1;
      order.push(item.event, ready);
    }
    for (const e of ready) send(e);
    ready.length = 0;
  }
  order.drain(ready);
  for (const e of ready) send(e);
  sim.decide(batch, null, 'skip');
  return { read, mapped, ...rates(mapped, seconds(started), cpu(usage)) };
}

/** `tokentrail import` end to end, into an embedded store. */
async function endToEnd(file: string, dir: string) {
  process.env.TOKENTRAIL_DB = join(dir, 'bench.db');
  process.env.TOKENTRAIL_PROJECTOR = 'off';
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    const started = process.hrtime.bigint();
    const usage = process.cpuUsage();
    const s = await app.get(ImportService).import('bench', [file]);
    return {
      read: s.read,
      mapped: s.mapped,
      imported: s.imported,
      events: s.events,
      malformed: s.malformed,
      ...rates(s.mapped, seconds(started), cpu(usage)),
    };
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const lines = Number(process.env.BENCH_LINES ?? 300_000);
  const only = process.env.BENCH_ONLY;
  const dir = mkdtempSync(join(tmpdir(), 'tokentrail-import-bench-'));
  const file = join(dir, 'winlogbeat8.ndjson');
  try {
    await writeSyntheticWinlogbeat(file, lines);
    const result: Record<string, unknown> = { lines, bytes: statSync(file).size };
    if (only !== 'import') result.siem = await siemSide(file);
    if (only !== 'siem') result.import = await endToEnd(file, dir);
    console.log(JSON.stringify(result));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
