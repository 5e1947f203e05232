/**
 * The embedded store's write and read rates beside Emmett's SQLite event store, on one workload:
 * `streams` appends of `perAppend` events (one batch per stream), then `singles` one-event appends
 * round-robin over the same streams, then every stream read back. Payloads are 87 bytes of JSON;
 * both stores get the same event objects, built before any clock starts, and append with an
 * expected revision as a command handler does. Each store writes a new file in its own temp dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type ExpectedRevision, type NewEvent } from '@tokentrail/event-store';
import { ensureEmmett, type EmmettSqlite } from './emmett/ensure-emmett';

export interface StoreRates {
  appendEventsPerSec: number;
  appendSingleEventsPerSec: number;
  readEventsPerSec: number;
}

export interface StoreFigures extends StoreRates {
  emmett: StoreRates & { version: string };
  /** Ours divided by Emmett's, for the batched appends. */
  vsEmmettAppend: number;
  vsEmmettSingleAppend: number;
  vsEmmettRead: number;
}

export interface WorkloadOptions {
  streams?: number;
  perAppend?: number;
  singles?: number;
}

const PAYLOAD_BYTES = 87;
const TYPE = 'MemberAdded';

interface Workload {
  names: string[];
  /** One batch of data objects per stream. */
  batches: object[][];
  /** The one-event appends' data, the i-th for stream i % streams. */
  singles: object[];
}

/** Fixed-width fields padded to 87 bytes of JSON, so every event weighs the same. */
function payload(stream: number, n: number): object {
  const data = {
    group: `G-${String(stream % 50).padStart(4, '0')}`,
    member: `user-${String(n).padStart(8, '0')}`,
    domain: 'corp.example',
    pad: '',
  };
  data.pad = 'x'.repeat(PAYLOAD_BYTES - JSON.stringify(data).length);
  return data;
}

function buildWorkload(streams: number, perAppend: number, singles: number): Workload {
  const names = Array.from({ length: streams }, (_, s) => `bench-${s}`);
  const batches = names.map((_, s) =>
    Array.from({ length: perAppend }, (_, i) => payload(s, s * perAppend + i)),
  );
  return {
    names,
    batches,
    singles: Array.from({ length: singles }, (_, i) => payload(i % streams, i)),
  };
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const rate = (events: number, start: bigint) => Math.round(events / seconds(start));

async function runOurs(w: Workload, file: string): Promise<StoreRates> {
  const store = new SqliteEventStore(file);
  const metadata = { occurredAt: '2026-03-02T09:00:00.000Z', schemaVersion: 1 };
  const batches = w.batches.map((b) => b.map((data): NewEvent => ({ type: TYPE, data, metadata })));
  const singles = w.singles.map((data): NewEvent => ({ type: TYPE, data, metadata }));
  const revisions: ExpectedRevision[] = w.names.map(() => 'no_stream');

  let start = process.hrtime.bigint();
  for (const [s, name] of w.names.entries()) {
    const { nextRevision } = await store.append(name, batches[s], {
      expectedRevision: revisions[s],
    });
    revisions[s] = nextRevision;
  }
  const appendEventsPerSec = rate(batches.length * (batches[0]?.length ?? 0), start);

  start = process.hrtime.bigint();
  for (const [i, event] of singles.entries()) {
    const s = i % w.names.length;
    const { nextRevision } = await store.append(w.names[s], [event], {
      expectedRevision: revisions[s],
    });
    revisions[s] = nextRevision;
  }
  const appendSingleEventsPerSec = rate(singles.length, start);

  start = process.hrtime.bigint();
  let read = 0;
  for (const name of w.names) for await (const _ of store.readStream(name)) read++;
  const readEventsPerSec = rate(read, start);
  await store.close();
  return { appendEventsPerSec, appendSingleEventsPerSec, readEventsPerSec };
}

async function runEmmett(emmett: EmmettSqlite, w: Workload, file: string): Promise<StoreRates> {
  // One connection for the whole run, as an application would keep it.
  const connection = emmett.sqliteConnection({ fileName: file });
  const store = emmett.getSQLiteEventStore({
    fileName: file,
    connectionOptions: { singleton: true, connection },
  });
  const batches = w.batches.map((b) => b.map((data) => ({ type: TYPE, data })));
  const singles = w.singles.map((data) => ({ type: TYPE, data }));
  const versions: (bigint | 'STREAM_DOES_NOT_EXIST')[] = w.names.map(() => 'STREAM_DOES_NOT_EXIST');

  let start = process.hrtime.bigint();
  for (const [s, name] of w.names.entries()) {
    const { nextExpectedStreamVersion } = await store.appendToStream(name, batches[s], {
      expectedStreamVersion: versions[s],
    });
    versions[s] = nextExpectedStreamVersion;
  }
  const appendEventsPerSec = rate(batches.length * (batches[0]?.length ?? 0), start);

  start = process.hrtime.bigint();
  for (const [i, event] of singles.entries()) {
    const s = i % w.names.length;
    const { nextExpectedStreamVersion } = await store.appendToStream(w.names[s], [event], {
      expectedStreamVersion: versions[s],
    });
    versions[s] = nextExpectedStreamVersion;
  }
  const appendSingleEventsPerSec = rate(singles.length, start);

  start = process.hrtime.bigint();
  let read = 0;
  for (const name of w.names) read += (await store.readStream(name)).events.length;
  const readEventsPerSec = rate(read, start);
  connection.close();
  return { appendEventsPerSec, appendSingleEventsPerSec, readEventsPerSec };
}

const ratio = (ours: number, theirs: number) => +(ours / theirs).toFixed(2);

/** Runs the workload on both stores, ours first, each on a fresh file. */
export async function storeWorkload(opts: WorkloadOptions = {}): Promise<StoreFigures> {
  const { streams = 2_000, perAppend = 100, singles = 20_000 } = opts;
  const emmett = ensureEmmett();
  const workload = buildWorkload(streams, perAppend, singles);
  const inTemp = async <T>(run: (file: string) => Promise<T>): Promise<T> => {
    const dir = mkdtempSync(join(tmpdir(), 'tokentrail-store-workload-'));
    try {
      return await run(join(dir, 'events.db'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const ours = await inTemp((file) => runOurs(workload, file));
  const theirs = await inTemp((file) => runEmmett(emmett.module, workload, file));
  return {
    ...ours,
    emmett: { ...theirs, version: emmett.version },
    vsEmmettAppend: ratio(ours.appendEventsPerSec, theirs.appendEventsPerSec),
    vsEmmettSingleAppend: ratio(ours.appendSingleEventsPerSec, theirs.appendSingleEventsPerSec),
    vsEmmettRead: ratio(ours.readEventsPerSec, theirs.readEventsPerSec),
  };
}
