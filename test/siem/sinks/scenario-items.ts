import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioRunner, parseScenarioText, planScenario } from '@tokentrail/scenarios';
import { ExportService, type ExportItem } from '@tokentrail/siem';
import { createTestApp } from '../../support/test-app';

const SCENARIO = join(
  __dirname,
  '..',
  '..',
  '..',
  'examples',
  'scenarios',
  '11-stale-explain-remediate.yaml',
);

/**
 * What `export inv-7` gives for the §11 example: its event log, then its findings (stale
 * artifacts).
 */
export async function scenarioItems(): Promise<ExportItem[]> {
  const app = await createTestApp();
  try {
    const plan = planScenario(parseScenarioText(readFileSync(SCENARIO, 'utf8')));
    await app.get(ScenarioRunner).run(plan, { simulation: 'inv-7' });
    const items: ExportItem[] = [];
    for await (const item of app.get(ExportService).items('inv-7')) items.push(item);
    return items;
  } finally {
    await app.close();
  }
}
