import { afterEach, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@tokentrail/event-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, emptyWorld, evolve, streamOf, type Envelope } from '@tokentrail/domain';
import type { EventStore } from '@tokentrail/event-store';
import {
  Projector,
  QueryService,
  ReadModel,
  SNAPSHOT_EVERY,
  answerQuery,
  linkOf,
  worldSource,
} from '@tokentrail/projections';
import { ScenarioRunner, parseScenarioText, planScenario } from '@tokentrail/scenarios';
import { bigScenario } from '../support/big-scenario';
import { createTestApp } from '../support/test-app';

const apps: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (apps.length) await apps.pop()!.close();
});

async function filled(steps: number) {
  const store = new SqliteEventStore(':memory:');
  store.close = async () => undefined; // shared by several app instances in one test
  const app = await createTestApp(store, new ReadModel(':memory:'));
  apps.push(app);
  await app
    .get(ScenarioRunner)
    .run(planScenario(parseScenarioText(bigScenario(steps))), { simulation: 'big' });
  return { store, app };
}

/** The simulation's own log, decoded. */
async function log(store: EventStore, simulation = 'big'): Promise<Envelope[]> {
  const out: Envelope[] = [];
  for await (const e of store.readStream(streamOf(simulation))) out.push(decode(e));
  return out;
}
const numbered = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** The positions the read model indexed for a simulation. */
const indexed = (rm: ReadModel, simulation = 'big'): number[] =>
  rm.db
    .prepare(
      'SELECT e.position FROM events_index e JOIN simulations s ON s.sim = e.sim WHERE s.id = ? ORDER BY e.position',
    )
    .pluck()
    .all(simulation) as number[];

describe('projector', () => {
  it('given stored events, then the read model indexes each once, with artifact and truth intervals and the checkpoint at the head', async () => {
    const { store, app } = await filled(60);
    const projector = app.get(Projector);
    await projector.settled();
    const rm = app.readModel;
    const head = await store.lastPosition();
    expect(rm.checkpoint()).toBe(head);
    const sim = rm.simulation('big')!;
    expect(sim.events).toBe((await log(store)).length);
    expect(sim.status).toBe('complete');
    expect(indexed(rm)).toEqual(numbered(sim.events));
    const artifacts = rm.artifacts('big');
    expect(artifacts.some((a) => a.kind === 'smb-session' && a.toAt !== null)).toBe(true);
    expect(
      artifacts
        .filter((a) => a.kind === 'session-token')
        .every((a) => a.toAt !== null && a.endedBy !== null),
    ).toBe(true);
    const u0 = rm.truthIntervals(
      'big',
      (
        await app.get(QueryService).view('big', { position: sim.events })
      ).world.directory.byName.get('u0')!,
    );
    expect(u0.length).toBeGreaterThan(2);
    expect(u0.slice(0, -1).every((i) => i.toAt !== null)).toBe(true);
  });

  it('given a failure inside a batch, then nothing of the batch is kept and a new projector applies every event exactly once', async () => {
    const { store } = await filled(30);
    const readModel = new ReadModel(':memory:');
    const index = readModel.indexEvent.bind(readModel);
    let calls = 0;
    readModel.indexEvent = (sim, e) => {
      if (++calls === 25) throw new Error('crash in the middle of a batch');
      index(sim, e);
    };
    const crashing = new Projector(store, readModel);
    crashing.start();
    await expect.poll(() => calls, { timeout: 5000 }).toBeGreaterThanOrEqual(25);
    await crashing.stop();
    expect(readModel.checkpoint()).toBeNull();
    expect(indexed(readModel)).toHaveLength(0);
    readModel.indexEvent = index;
    const fresh = new Projector(store, readModel);
    fresh.start();
    await fresh.settled();
    await fresh.stop();
    const positions = indexed(readModel);
    expect(positions).toEqual(numbered((await log(store)).length));
  });

  it('given a long simulation, then snapshots bound what a late question folds, and answers equal a fold from the start', async () => {
    const { store, app } = await filled(1400);
    await app.get(Projector).settled();
    const total = app.readModel.simulation('big')!.events;
    expect(total).toBeGreaterThan(2 * SNAPSHOT_EVERY);
    let read = 0;
    const counting = Object.create(store) as SqliteEventStore;
    counting.readStream = (stream, options) => {
      const inner = store.readStream(stream, options);
      return (async function* () {
        for await (const e of inner) {
          read++;
          yield e;
        }
      })();
    };
    const queries = new QueryService(counting, app.readModel);
    const all = await log(store);
    const byId = new Map(all.map((e) => [e.eventId, e]));
    const events = { get: (id: string) => (byId.has(id) ? linkOf(byId.get(id)!) : undefined) };
    for (const position of [SNAPSHOT_EVERY + 10, total - 5]) {
      read = 0;
      const view = await queries.view('big', { position });
      expect(read).toBeLessThanOrEqual(SNAPSHOT_EVERY + 1);
      const full = emptyWorld();
      for (const e of all.slice(0, position)) evolve(full, e);
      for (const q of [
        { kind: 'stale', args: {} },
        { kind: 'truth', args: { principal: 'u3' } },
      ] as const) {
        expect(answerQuery(worldSource(view.world, view.at, view.events), q)).toEqual(
          answerQuery(worldSource(full, full.lastOccurredAt!, events), q),
        );
      }
    }
  });
});

describe('two projectors on one read model (an API and a CLI on the same files)', () => {
  it('given both running, then every event is indexed exactly once and both reach the head', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tt-two-'));
    const { store } = await filled(40);
    const file = join(dir, 'read.db');
    const a = new Projector(store, new ReadModel(file));
    const b = new Projector(store, new ReadModel(file));
    a.start();
    b.start();
    await Promise.all([a.settled(), b.settled()]);
    await a.stop();
    await b.stop();
    const rm = new ReadModel(file);
    const positions = indexed(rm);
    expect(positions).toEqual(numbered((await log(store)).length));
    expect(rm.checkpoint()).toBe(await store.lastPosition());
    rm.close();
  });
});
