import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStoreDbEventStore } from '@tokentrail/event-store';
import { Projector } from '@tokentrail/projections';
import { ScenarioRunner, parseScenarioText, planScenario } from '@tokentrail/scenarios';
import { EsdbStandIn } from '../support/esdb-stand-in';
import { createTestApp } from '../support/test-app';

describe('the whole write and read side on the EventStoreDB adapter (gRPC stand-in)', () => {
  let server: EsdbStandIn;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    server = await new EsdbStandIn().start();
    app = await createTestApp(new EventStoreDbEventStore(server.connectionString));
  });
  afterAll(async () => {
    await app?.close();
    await server?.stop();
  });

  it.each([
    '07-local-access-process-token',
    '08-network-protocols',
    '11-stale-explain-remediate',
    '12-time-travel-by-position',
  ])('runs %s with every expectation met, and projects it', async (name) => {
    const text = readFileSync(
      join(__dirname, '..', '..', 'examples', 'scenarios', `${name}.yaml`),
      'utf8',
    );
    const out = await app
      .get(ScenarioRunner)
      .run(planScenario(parseScenarioText(text)), { simulation: name });
    expect(out.results.filter((r) => r.pass === false)).toEqual([]);
    await app.get(Projector).settled();
    expect(app.readModel.simulation(name)?.events).toBe(out.events);
  });
});
