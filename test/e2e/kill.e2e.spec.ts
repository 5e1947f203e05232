import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { bigScenario } from '../support/big-scenario';
import { runCli } from '../cli/run-cli';
import { startApi } from '../support/api-process';
import { until } from '../support/local-process';

const BIN = join(__dirname, '..', '..', 'bin', 'tokentrail.js');
const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill('SIGKILL')));

async function api(env: Record<string, string>) {
  const started = await startApi(env);
  children.push(started.child);
  return started;
}

const json = async (url: string) => (await fetch(url)).json();
const answers = async (url: string) => ({
  list: await json(`${url}/simulations`),
  stale: await json(`${url}/simulations/big/stale?at=2026-03-02T20:00:00Z`),
  truth: await json(`${url}/simulations/big/truth/u3?position=900`),
});

function readModelRows(file: string) {
  const db = new Database(file, { readonly: true });
  const rows = {
    events: db
      .prepare('SELECT sim, position, event_id, detail FROM events_index ORDER BY sim, position')
      .all(),
    artifacts: db
      .prepare(
        'SELECT sim, kind, id, source_event, from_position, to_position, ended_by, expires_at FROM artifacts ORDER BY 1, 2, 3, 4',
      )
      .all(),
    truth: db.prepare('SELECT * FROM truth ORDER BY 1, 2, 7').all(),
    names: db.prepare('SELECT * FROM names ORDER BY 1, 2, 3, 5').all(),
    principalNames: db
      .prepare('SELECT * FROM principal_names ORDER BY sim, name_key, from_position')
      .all(),
    principalAliases: db
      .prepare('SELECT * FROM principal_aliases ORDER BY sim, sid, from_position')
      .all(),
    snapshots: db
      .prepare('SELECT sim, position, global_position FROM snapshots ORDER BY 1, 2')
      .all(),
    runs: db.prepare('SELECT simulation, run, completed FROM runs ORDER BY 1, 2').all(),
  };
  db.close();
  return rows;
}

const killed = (child: ChildProcess) =>
  new Promise((r) => {
    child.once('exit', r);
    child.kill('SIGKILL');
  });

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

    // The projector holds at a position in the middle of the log: it is killed exactly there.
    const hold = '700';
    const killedRead = join(dir, 'killed.read.db');
    const first = await api({
      TOKENTRAIL_DB: db,
      TOKENTRAIL_READ_DB: killedRead,
      TOKENTRAIL_PROJECTOR_BATCH: '20',
      TOKENTRAIL_PROJECTOR_HOLD_AT: hold,
    });
    const held = await until(first.health, (h) => h.projectedPosition === hold);
    expect(BigInt(held.projectedPosition!)).toBeLessThan(BigInt(held.lastPosition ?? 0));
    await killed(first.child);

    const second = await api({
      TOKENTRAIL_DB: db,
      TOKENTRAIL_READ_DB: killedRead,
      TOKENTRAIL_PROJECTOR_BATCH: '20',
    });
    await until(second.health, (h) => h.projectedPosition === h.lastPosition);
    const afterRestart = await answers(second.url);
    await killed(second.child);

    const reference = await api({
      TOKENTRAIL_DB: db,
      TOKENTRAIL_READ_DB: join(dir, 'reference.read.db'),
    });
    await until(reference.health, (h) => h.projectedPosition === h.lastPosition);
    expect(afterRestart).toEqual(await answers(reference.url));
    await killed(reference.child);

    const interrupted = readModelRows(killedRead);
    const clean = readModelRows(join(dir, 'reference.read.db'));
    expect(interrupted.events.length).toBeGreaterThan(Number(hold));
    expect(interrupted).toEqual(clean);
  }, 120_000);
});

describe('killing tokentrail run mid-way', () => {
  it('given a run killed with SIGKILL, then the simulation reads incomplete, and --resume completes it to the log of an uninterrupted run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tt-run-kill-'));
    const env = {
      ...process.env,
      TOKENTRAIL_STORE: 'embedded',
      TOKENTRAIL_DB: join(dir, 'log.db'),
    };
    const scenario = join(dir, 'big.yaml');
    writeFileSync(scenario, bigScenario(1200));

    // The run halts after its first 600 commands are stored, and is killed there.
    const child = spawn(process.execPath, [BIN, 'run', scenario, '--simulation', 'cut'], {
      env: { ...env, TOKENTRAIL_RUN_HALT_AFTER: '600' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('halted after')) resolve();
      });
      child.once('exit', () => reject(new Error(`the run ended before it halted: ${stderr}`)));
    });
    await killed(child);

    const status = (sim: string) =>
      (JSON.parse(runCli(['list', '--json'], env).stdout) as { id: string; status: string }[]).find(
        (s) => s.id === sim,
      )?.status;
    expect(status('cut')).toBe('incomplete');
    expect(runCli(['run', scenario, '--simulation', 'cut'], env).status).toBe(2);

    const resumed = runCli(['run', scenario, '--simulation', 'cut', '--resume', '--json'], env);
    expect(resumed.status).toBe(0);
    const whole = runCli(['run', scenario, '--simulation', 'whole', '--json'], env);
    expect(whole.status).toBe(0);
    expect(status('cut')).toBe('complete');
    expect(JSON.parse(resumed.stdout)).toEqual(JSON.parse(whole.stdout));

    const facts = (sim: string) => {
      const raw = new Database(env.TOKENTRAIL_DB, { readonly: true });
      const rows = raw
        .prepare('SELECT type, data, occurred_at FROM events WHERE stream = ? ORDER BY revision')
        .all(`sim-${sim}`);
      raw.close();
      return rows;
    };
    expect(facts('cut').length).toBeGreaterThan(600);
    expect(facts('cut')).toEqual(facts('whole'));
  }, 120_000);
});
