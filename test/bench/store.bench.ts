/**
 * `node dist/test/bench/store.bench.js`: embedded append, full $all read and verify rates for
 * 1,000,000 events (batches of 1,000), printed as one JSON object (`npm run bench:store` is the
 * workload beside Emmett). Not a test: it takes about a minute.
 * BENCH_EVENTS and BENCH_BATCH change the size; BENCH_DB the file (default: a temp dir).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type NewEvent } from '@tokentrail/event-store';

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const batch = Number(process.env.BENCH_BATCH ?? 1_000);
  const dir = mkdtempSync(join(tmpdir(), 'tokentrail-bench-'));
  const file = process.env.BENCH_DB ?? join(dir, 'bench.db');
  const store = new SqliteEventStore(file);
  const base = Date.parse('2026-03-02T08:00:00Z');

  const appendStart = process.hrtime.bigint();
  for (let b = 0; b < total / batch; b++) {
    const events: NewEvent[] = [];
    for (let i = 0; i < batch; i++) {
      const n = b * batch + i;
      events.push({
        type: n % 2 ? 'MemberAdded' : 'MemberRemoved',
        data: { group: `G${n % 50}`, member: `user${n % 5000}` },
        metadata: { occurredAt: new Date(base + n * 1000).toISOString(), schemaVersion: 1 },
      });
    }
    // 100 streams round-robin: a batch per append, as a busy simulation writes.
    await store.append(`bench/Domain-${b % 100}`, events);
  }
  const appendSeconds = Number(process.hrtime.bigint() - appendStart) / 1e9;

  const readStart = process.hrtime.bigint();
  let read = 0;
  for await (const _ of store.readAll()) read++;
  const readSeconds = Number(process.hrtime.bigint() - readStart) / 1e9;

  const verifyStart = process.hrtime.bigint();
  const report = await store.verify();
  const verifySeconds = Number(process.hrtime.bigint() - verifyStart) / 1e9;
  await store.close();
  const bytes = statSync(file).size;
  if (!process.env.BENCH_DB) rmSync(dir, { recursive: true, force: true });

  console.log(
    JSON.stringify(
      {
        store: 'embedded',
        events: total,
        batch,
        append: {
          seconds: +appendSeconds.toFixed(2),
          eventsPerSecond: Math.round(total / appendSeconds),
        },
        readAll: {
          events: read,
          seconds: +readSeconds.toFixed(2),
          eventsPerSecond: Math.round(read / readSeconds),
        },
        verify: {
          ok: report.ok,
          seconds: +verifySeconds.toFixed(2),
          eventsPerSecond: Math.round(report.checked / verifySeconds),
        },
        fileBytes: bytes,
        node: process.version,
      },
      null,
      2,
    ),
  );
}

void main();
