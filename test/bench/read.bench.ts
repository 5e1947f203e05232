/**
 * `node dist/test/bench/read.bench.js` (after `npm run build`): how fast the readers read a large
 * Winlogbeat 8 NDJSON file, parse only (no mapping, no import), printed as one JSON object.
 * The file is made in a temp folder from the real 4728 record Winlogbeat collected in
 * ../shared/datasets/elastic-beats-winlogbeat-golden, each line with its own record id and time.
 * BENCH_LINES changes the size (default 500,000). Not a test: it takes a few seconds.
 */
import {
  closeSync,
  createWriteStream,
  fsyncSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { readInputs } from '@tokentrail/siem';
import { DATASETS } from '../support/checkout';

const GOLDEN = join(
  DATASETS,
  'elastic-beats-winlogbeat-golden',
  'collection_security-windows2016_4728.evtx.golden.json',
);

async function writeLines(file: string, lines: number): Promise<void> {
  const [record] = JSON.parse(readFileSync(GOLDEN, 'utf8')) as [
    { '@timestamp': string; winlog: { record_id: number } },
  ];
  const start = Date.parse(record['@timestamp']);
  const out = createWriteStream(file);
  for (let i = 0; i < lines; i++) {
    record.winlog.record_id = 4657 + i;
    record['@timestamp'] = new Date(start + i * 37).toISOString();
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  // On disk before the clock starts: the write-back of 800 MB would otherwise slow the reading.
  const fd = openSync(file, 'r');
  fsyncSync(fd);
  closeSync(fd);
}

async function main(): Promise<void> {
  const lines = Number(process.env.BENCH_LINES ?? 500_000);
  const dir = mkdtempSync(join(tmpdir(), 'tokentrail-read-bench-'));
  const file = join(dir, 'winlogbeat8.ndjson');
  try {
    await writeLines(file, lines);
    const started = process.hrtime.bigint();
    let events = 0;
    let malformed = 0;
    for await (const item of readInputs([file])) {
      if ('event' in item) events += 1;
      else if ('malformed' in item) malformed += 1;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const bytes = statSync(file).size;
    console.log(
      JSON.stringify({
        lines,
        events,
        malformed,
        bytes,
        seconds: Number(seconds.toFixed(3)),
        recordsPerSecond: Math.round(events / seconds),
        megabytesPerSecond: Number((bytes / 1e6 / seconds).toFixed(1)),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
