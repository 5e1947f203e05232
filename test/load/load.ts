/**
 * `npm run load`: many writers on one simulation and on several, readers asking time-travel
 * questions, against two API processes sharing one store, on loopback only, bounded in count and
 * time. Reports throughput, p50/p99, conflicts retried and errors, then proves that the log holds
 * exactly the acknowledged commands (and that its chains verify).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sqliteChainSource } from '@tokentrail/event-store';
import { openReadOnly } from '@tokentrail/event-store/store-file';
import { verifyLog } from '@tokentrail/event-store/verify-log';
import { hashApiKey } from '../../apps/api/src/api-keys';
import { startApi } from '../support/api-process';

const { values: args } = parseArgs({
  options: {
    'shared-writers': { type: 'string', default: '6' },
    'own-writers': { type: 'string', default: '6' },
    commands: { type: 'string', default: '40' },
    readers: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '90' },
  },
});
const SHARED = Number(args['shared-writers']);
const OWN = Number(args['own-writers']);
const COMMANDS = Number(args.commands);
const READERS = Number(args.readers);
const DEADLINE = Date.now() + Number(args.seconds) * 1000;

const dir = mkdtempSync(join(tmpdir(), 'tokentrail-load-'));
const db = join(dir, 'load.db');
const key = `tt_${randomBytes(32).toString('base64url')}`;
const children: ChildProcess[] = [];

/** An API process on loopback, whatever else is configured: one of two on the same store file. */
async function startServer(projector: boolean): Promise<string> {
  const api = await startApi({
    HOST: '127.0.0.1',
    TOKENTRAIL_DB: db,
    TOKENTRAIL_API_KEYS: JSON.stringify({
      keys: [{ id: 'load', role: 'writer', sha256: hashApiKey(key) }],
    }),
    TOKENTRAIL_RATE_LIMIT: '1000000',
    TOKENTRAIL_PROJECTOR: projector ? 'worker' : 'off',
    TOKENTRAIL_DEMO: 'off',
  });
  children.push(api.child);
  return api.url;
}

const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
const BASE = {
  scenario: 'load',
  start: '2026-03-02T08:00:00Z',
  domain: {
    name: 'corp.example',
    users: ['alice'],
    groups: [{ name: 'Staff', members: ['alice'] }],
    computers: ['WS1'],
  },
};

const stats = {
  writes: [] as number[],
  reads: [] as number[],
  conflictsRetried: 0,
  errors: 0,
  errorKinds: new Map<string, number>(),
};
const acknowledged = new Map<string, Set<string>>();

function error(kind: string) {
  stats.errors += 1;
  stats.errorKinds.set(kind, (stats.errorKinds.get(kind) ?? 0) + 1);
}

/** One writer: its commands one after another; a 409 (other writers moved on) is sent again. */
async function writer(url: string, simulation: string, name: string): Promise<void> {
  for (let i = 0; i < COMMANDS && Date.now() < DEADLINE; i++) {
    const user = `${name}-${i}`;
    for (;;) {
      const t0 = performance.now();
      const res = await fetch(`${url}/simulations/${simulation}/commands`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ createUser: { name: user } }),
      }).catch(() => null);
      const ms = performance.now() - t0;
      if (res?.status === 409) {
        await res.text();
        stats.conflictsRetried += 1;
        continue;
      }
      if (res?.status === 201) {
        await res.text();
        stats.writes.push(ms);
        acknowledged.get(simulation)?.add(user);
      } else {
        error(res ? `HTTP ${res.status}: ${(await res.text()).slice(0, 80)}` : 'no answer');
      }
      break;
    }
  }
}

/** One reader: time-travel questions at random moments until the writers are done. */
async function reader(url: string, simulations: string[], done: () => boolean): Promise<void> {
  while (!done() && Date.now() < DEADLINE) {
    const simulation = simulations[Math.floor(Math.random() * simulations.length)];
    const minute = Math.floor(Math.random() * 120);
    const at = new Date(Date.parse('2026-03-02T08:00:00Z') + minute * 60_000).toISOString();
    const t0 = performance.now();
    const res = await fetch(`${url}/simulations/${simulation}/truth/alice?at=${at}`, {
      headers,
    }).catch(() => null);
    const ms = performance.now() - t0;
    if (res?.status === 200) {
      await res.text();
      stats.reads.push(ms);
    } else error(res ? `read HTTP ${res.status}` : 'read: no answer');
  }
}

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** The names of users created in each simulation's log, read from the store file read-only. */
async function stored(simulations: string[]): Promise<Map<string, string[]>> {
  const file = openReadOnly(db);
  try {
    const source = sqliteChainSource(file);
    const out = new Map<string, string[]>();
    for (const s of simulations) {
      const names: string[] = [];
      for (let from = 0; ;) {
        const page = source.page(`sim-${s}`, from, 1000);
        for (const row of page)
          if (row.type === 'PrincipalCreated')
            names.push((JSON.parse(row.dataText) as { name: string }).name);
        if (page.length < 1000) break;
        from = page[page.length - 1].revision + 1;
      }
      out.set(s, names);
    }
    const report = await verifyLog(source);
    if (!report.ok) throw new Error(`the log does not verify: ${report.problems[0]}`);
    return out;
  } finally {
    file.close();
  }
}

async function main(): Promise<number> {
  const [a, b] = [await startServer(true), await startServer(false)];
  const simulations = ['shared', ...Array.from({ length: OWN }, (_, i) => `own-${i}`)];
  for (const s of simulations) {
    const res = await fetch(`${a}/simulations?id=${s}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(BASE),
    });
    if (res.status !== 201)
      throw new Error(`could not create ${s}: ${res.status} ${await res.text()}`);
    acknowledged.set(s, new Set());
  }
  // What the simulations hold before the load: the scenario's own principals.
  const baseline = await stored(simulations);
  const started = performance.now();
  let writing = true;
  const writers = [
    ...Array.from({ length: SHARED }, (_, i) => writer(i % 2 ? b : a, 'shared', `sw${i}`)),
    ...Array.from({ length: OWN }, (_, i) => writer(i % 2 ? b : a, `own-${i}`, `ow${i}`)),
  ];
  const readers = Array.from({ length: READERS }, (_, i) =>
    reader(i % 2 ? b : a, simulations, () => !writing),
  );
  await Promise.all(writers);
  writing = false;
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(readers);

  const logs = await stored(simulations);
  let missing = 0;
  let extra = 0;
  for (const s of simulations) {
    const before = baseline.get(s) ?? [];
    const added = (logs.get(s) ?? []).slice(before.length);
    const acked = acknowledged.get(s) ?? new Set();
    const names = new Set(added);
    missing += [...acked].filter((n) => !names.has(n)).length;
    // Not acknowledged, or stored twice.
    extra += added.filter((n) => !acked.has(n)).length + (added.length - names.size);
  }
  const ackedTotal = [...acknowledged.values()].reduce((n, s) => n + s.size, 0);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const lines = [
    `tokentrail load (loopback, two API processes on one store, ${SHARED} writers on one simulation, ${OWN} on their own, ${READERS} readers)`,
    `commands acknowledged: ${ackedTotal} of ${(SHARED + OWN) * COMMANDS} in ${seconds.toFixed(1)} s = ${(ackedTotal / seconds).toFixed(1)} commands/s`,
    `command latency: p50 ${ms(percentile(stats.writes, 50))}, p99 ${ms(percentile(stats.writes, 99))}`,
    `time-travel questions: ${stats.reads.length} = ${(stats.reads.length / seconds).toFixed(1)}/s, p50 ${ms(percentile(stats.reads, 50))}, p99 ${ms(percentile(stats.reads, 99))}`,
    `conflicts retried (409 sent again): ${stats.conflictsRetried}`,
    `errors: ${stats.errors}${stats.errorKinds.size ? ` (${[...stats.errorKinds].map(([k, n]) => `${k} ×${n}`).join('; ')})` : ''}`,
    `the log holds exactly the acknowledged commands: ${missing === 0 && extra === 0 ? 'yes' : `NO (${missing} missing, ${extra} not acknowledged)`}; its chains verify`,
  ];
  console.log(lines.join('\n'));
  return missing === 0 && extra === 0 && stats.errors === 0 ? 0 : 1;
}

main()
  .then((code) => (process.exitCode = code))
  .catch((e: unknown) => {
    console.error(`load: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  })
  .finally(() => children.forEach((c) => c.kill('SIGTERM')));
