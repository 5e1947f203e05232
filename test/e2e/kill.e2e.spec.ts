import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { bigScenario } from '../support/big-scenario';
import { runCli } from '../cli/run-cli';

const MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');
const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill('SIGKILL')));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function api(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, TOKENTRAIL_STORE: 'embedded', ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(`${url}/health`);
      return { child, url };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('the API did not start');
}

const health = async (url: string) =>
  (await (await fetch(`${url}/health`)).json()) as {
    lastPosition: string;
    projectedPosition: string | null;
  };
const json = async (url: string) => (await fetch(url)).json();

async function answers(url: string) {
  return {
    list: await json(`${url}/simulations`),
    stale: await json(`${url}/simulations/big/stale?at=2026-03-02T20:00:00Z`),
    truth: await json(`${url}/simulations/big/truth/u3?position=900`),
  };
}

function readModelRows(file: string) {
  const db = new Database(file, { readonly: true });
  const rows = {
    events: db
      .prepare('SELECT simulation, seq, event_id FROM events_index ORDER BY simulation, seq')
      .all(),
    artifacts: db
      .prepare(
        'SELECT simulation, kind, id, source_event, from_seq, to_seq, ended_by FROM artifacts ORDER BY 1, 2, 3, 4',
      )
      .all(),
    truth: db.prepare('SELECT * FROM truth ORDER BY 1, 2, 5').all(),
    snapshots: db.prepare('SELECT simulation, seq, position FROM snapshots ORDER BY 1, 2').all(),
  };
  db.close();
  return rows;
}

describe('killing the API while a projection catches up', () => {
  it('given the process killed mid-projection and started again, then the read model and the answers equal an uninterrupted projection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tt-kill-'));
    const db = join(dir, 'log.db');
    const scenario = join(dir, 'big.yaml');
    writeFileSync(scenario, bigScenario(1200));
    const run = runCli(['run', scenario, '--simulation', 'big'], {
      TOKENTRAIL_DB: db,
      TOKENTRAIL_PROJECTOR: 'off',
    });
    expect(run.status).toBe(0);

    // Small transactions so that the projection is still catching up when it is killed.
    const slow = {
      TOKENTRAIL_DB: db,
      TOKENTRAIL_READ_DB: join(dir, 'killed.read.db'),
      TOKENTRAIL_PROJECTOR_BATCH: '20',
    };
    const first = await api(slow);
    let h = await health(first.url);
    while (h.projectedPosition === null) h = await health(first.url);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(BigInt(h.projectedPosition!)).toBeLessThan(BigInt(h.lastPosition));

    const second = await api(slow);
    while ((h = await health(second.url)).projectedPosition !== h.lastPosition)
      await new Promise((r) => setTimeout(r, 50));
    const afterRestart = await answers(second.url);
    second.child.kill('SIGKILL');

    const reference = await api({
      TOKENTRAIL_DB: db,
      TOKENTRAIL_READ_DB: join(dir, 'reference.read.db'),
    });
    while ((h = await health(reference.url)).projectedPosition !== h.lastPosition)
      await new Promise((r) => setTimeout(r, 50));
    expect(afterRestart).toEqual(await answers(reference.url));
    reference.child.kill('SIGKILL');

    const killed = readModelRows(join(dir, 'killed.read.db'));
    const clean = readModelRows(join(dir, 'reference.read.db'));
    expect(killed.events.length).toBe(Number(h.lastPosition));
    expect(killed).toEqual(clean);
  }, 60_000);
});
