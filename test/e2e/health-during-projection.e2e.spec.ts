import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enterpriseScenarioLines } from '../bench/enterprise';
import { runCli } from '../cli/run-cli';
import { startApi, type Health } from '../support/api-process';
import { until } from '../support/local-process';

const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill('SIGKILL')));

describe('the API while its projector catches up', () => {
  it('given a log of 50,000 events and an empty read model, then /health answers throughout, from a projector in a worker thread that has not caught up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tt-health-'));
    const db = join(dir, 'log.db');
    const scenario = join(dir, 'enterprise.yaml');
    writeFileSync(
      scenario,
      [...enterpriseScenarioLines({ users: 2000, groups: 400, machines: 80 }, 26_000)].join('\n'),
    );
    const run = runCli(['run', scenario, '--simulation', 'ent', '--json'], {
      TOKENTRAIL_DB: db,
      TOKENTRAIL_PROJECTOR: 'off',
    });
    expect(run.status).toBe(0);
    const events = (JSON.parse(run.stdout) as { events: number }).events;
    expect(events).toBeGreaterThanOrEqual(50_000);

    // The projector stops one event short of the head: it cannot have caught up while we ask.
    const hold = String(events - 1);
    const api = await startApi({
      TOKENTRAIL_DB: db,
      TOKENTRAIL_READ_DB: join(dir, 'read.db'),
      TOKENTRAIL_PROJECTOR_HOLD_AT: hold,
    });
    children.push(api.child);
    const seen: Health[] = [];
    const last = await until(
      async () => {
        const h = await api.health();
        seen.push(h);
        return h;
      },
      (h) => h.projectedPosition === hold,
    );
    expect(last).toMatchObject({ projector: 'worker' });
    expect(BigInt(last.projectedPosition!)).toBeLessThan(BigInt(last.lastPosition!));
    expect(seen.every((h) => h.lastPosition === last.lastPosition)).toBe(true);
  }, 300_000);
});
