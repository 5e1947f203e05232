import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioRunner, parseScenarioText, planScenario } from '@tokentrail/scenarios';
import { createTestApp } from '../support/test-app';
import { runOutputSchema } from './result-shape';

const ROOT = join(__dirname, '..', '..');
const dirs = [join(ROOT, 'examples', 'scenarios'), join(ROOT, '..', 'shared', 'scenarios')];
const files = dirs.flatMap((d) => {
  try {
    return readdirSync(d)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .map((f) => join(d, f));
  } catch {
    console.log(`[scenarios] ${d} not found: its scenarios are skipped`);
    return [];
  }
});

describe('every example scenario runs, meets every expectation, and prints the SCENARIOS.md shape', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => (app = await createTestApp()));
  afterAll(async () => app?.close());

  it('finds the scenarios', () => {
    expect(files.filter((f) => f.includes('examples')).length).toBeGreaterThanOrEqual(10);
  });

  it.each(files.map((f) => [f.slice(ROOT.length - 4), f]))('%s', async (_name, file) => {
    const plan = planScenario(parseScenarioText(readFileSync(file, 'utf8')));
    const out = await app
      .get(ScenarioRunner)
      .run(plan, { simulation: `ex-${Math.random().toString(36).slice(2, 10)}` });
    expect(runOutputSchema.parse(out)).toBeTruthy();
    const failures = out.results
      .filter((r) => r.pass === false)
      .map(
        (r) => `${r.id}: ${JSON.stringify({ groups: r.groups, none: r.none, denied: r.denied })}`,
      );
    expect(failures).toEqual([]);
    const ids = [
      ...plan.commands.flatMap((c) => (c.step?.id ? [c.step.id] : [])),
      ...plan.queries.flatMap((q) => (q.id ? [q.id] : [])),
    ];
    expect(out.results.map((r) => r.id)).toEqual(ids);
    expect(out.passed + out.failed).toBe(out.results.filter((r) => r.pass !== null).length);
  });
});
