/**
 * `npm run bench`: tokentrail at enterprise size on this machine, printed as one JSON object.
 * A script, never a test. `npm run bench -- --users 5000 --events 200000` scales it down; see
 * BENCHMARKS.md for what each figure means.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { healthDuringRebuild } from './bench-health';
import { importLog } from './bench-import';
import { timeQuestions } from './bench-queries';
import { rebuild } from './bench-rebuild';
import { storeWorkload } from './store-workload';
import { writeEnterprise } from './bench-write';
import { writeSyntheticWinlogbeat } from './synthetic-winlogbeat';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '50000' },
    groups: { type: 'string' },
    machines: { type: 'string' },
    events: { type: 'string', default: '2000000' },
    /** Records of the Winlogbeat file to import (default: as many as events). */
    records: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** The peak resident set so far, after each phase: which phase sets `peakRssMb`. */
const peakRssMbAfter: Record<string, number> = {};
const phaseDone = (phase: string, figures: object) => {
  peakRssMbAfter[phase] = Math.round(process.resourceUsage().maxRSS / 1024);
  log(`${phase}: ${JSON.stringify(figures)} (peak RSS so far ${peakRssMbAfter[phase]} MB)`);
};

async function main(): Promise<void> {
  const users = Number(values.users);
  const events = Number(values.events);
  const world = {
    users,
    groups: Number(values.groups ?? Math.max(10, Math.round(users / 5))),
    machines: Number(values.machines ?? Math.max(20, Math.round(users / 25))),
    depth: 8,
  };
  const dir = mkdtempSync(join(tmpdir(), 'tokentrail-bench-'));
  const storeFile = join(dir, 'bench.db');
  process.env.TOKENTRAIL_DB = storeFile;
  process.env.TOKENTRAIL_PROJECTOR = 'off';
  log(`world ${JSON.stringify(world)}, ${events} events, in ${dir}`);

  let next = 0;
  const write = await writeEnterprise('enterprise', world, events, (n) => {
    if (n < next) return;
    log(`written ${n} events`);
    next += events / 10;
  });
  phaseDone('write', write);
  let mark = 0n;
  const rebuilt = await rebuild(storeFile, join(dir, 'rebuild.read.db'), (p) => {
    if (p < mark) return;
    log(`projected ${p}`);
    mark += BigInt(Math.round(events / 10));
  });
  phaseDone('rebuild', rebuilt);
  const health = await healthDuringRebuild(storeFile, join(dir, 'api.read.db'));
  phaseDone('health', health);
  process.env.TOKENTRAIL_READ_DB = join(dir, 'rebuild.read.db');
  const questions = await timeQuestions('enterprise', 1000);
  phaseDone('questions', questions);
  const ndjson = join(dir, 'winlogbeat.ndjson');
  await writeSyntheticWinlogbeat(ndjson, Number(values.records ?? events));
  const imported = await importLog('imported', ndjson);
  phaseDone('import', imported);
  // The store side by side with Emmett's SQLite store, on the fixed workload.
  const store = await storeWorkload();
  phaseDone('store', store);

  const figures = {
    appendEventsPerSec: store.appendEventsPerSec,
    appendSingleEventsPerSec: store.appendSingleEventsPerSec,
    vsEmmettAppend: store.vsEmmettAppend,
    vsEmmettSingleAppend: store.vsEmmettSingleAppend,
    commandsPerSec: write.commandsPerSec,
    rebuildEventsPerSec: rebuilt.rebuildEventsPerSec,
    rebuildFirstTenthEventsPerSec: rebuilt.firstTenthEventsPerSec,
    rebuildLastTenthEventsPerSec: rebuilt.lastTenthEventsPerSec,
    healthP99MsDuringRebuild: health.healthMs.p99,
    timeTravelMs: questions.timeTravelMs,
    explainMs: questions.explainMs,
    vsNaiveTimeTravel: questions.vsNaiveTimeTravel,
    naiveMs: questions.naiveMs,
    importRecordsPerSec: imported.importRecordsPerSec,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    peakRssMbAfter,
    sizes: {
      ...world,
      events: write.events,
      commands: write.commands,
      storeMb: Math.round(statSync(storeFile).size / 1e6),
      readModelMb: Math.round(statSync(join(dir, 'rebuild.read.db')).size / 1e6),
      importRecords: imported.records,
      importFileMb: Math.round(statSync(ndjson).size / 1e6),
    },
    write,
    rebuild: rebuilt,
    health,
    import: imported,
    store,
    node: process.version,
  };
  console.log(JSON.stringify(figures, null, 2));
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}

void main();
