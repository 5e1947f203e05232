import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '@tokentrail/domain';
import { SqliteEventStore } from '@tokentrail/event-store';
import { ScenarioRunner, parseScenario, planScenario, planStep } from '@tokentrail/scenarios';
import { CommandSender, SimulationRepository } from '@tokentrail/simulation';
import { GROUPS, USERS, scenarioOf } from '../support/scenario-arbitrary';
import { createTestApp } from '../support/test-app';

/** Bounded: these counts are the property tests' size (they run in `npm test`). */
export const RUNS = { atomic: 60 };

const name = fc.constantFrom(...USERS, ...GROUPS, 'ghost');
const session = fc.constantFrom('s0', 's1', 's2', 's3');
/** Any step, valid or not: unknown names, sessions not open, memberships not there. */
const step = fc.oneof(
  fc.record({ addMember: fc.record({ group: name, member: name }) }),
  fc.record({ removeMember: fc.record({ group: name, member: name }) }),
  fc.record({ logon: fc.record({ user: name, machine: fc.constant('WS1'), session }) }),
  fc.record({ logoff: fc.record({ session }) }),
  fc.record({ createUser: fc.record({ name: fc.constantFrom('n1', 'n2', 'u0') }) }),
);

describe('a command stores all its events or none (fast-check)', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'tt-atomic-')), 'log.db');
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let fault: Database.Database;
  let n = 0;
  const seen = { stored: 0, refused: 0, injected: 0 };

  beforeAll(async () => {
    app = await createTestApp(new SqliteEventStore(file), undefined, { projector: false });
    // A disk fault on demand, inside the append's own transaction: the insert of the event at
    // revision `at` fails, after the command's earlier events were inserted.
    fault = new Database(file);
    fault.exec(`CREATE TABLE fault (armed INTEGER NOT NULL, at INTEGER NOT NULL);
      INSERT INTO fault VALUES (0, 0);
      CREATE TRIGGER inject BEFORE INSERT ON events
      WHEN (SELECT armed FROM fault) = 1 AND NEW.revision >= (SELECT at FROM fault)
      BEGIN SELECT RAISE(ABORT, 'injected disk fault'); END;`);
  });
  afterAll(async () => {
    fault?.close();
    await app?.close();
  });

  it(`whether it is refused, fails at its k-th event, or succeeds (${RUNS.atomic} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(step, fc.option(fc.nat(4), { nil: null })), {
          minLength: 1,
          maxLength: 12,
        }),
        async (commands) => {
          const simulation = `a${n++}`;
          await app
            .get(ScenarioRunner)
            .run(planScenario(parseScenario(scenarioOf([]))), { simulation });
          const revision = async () => {
            for await (const e of app.store.readStream(`sim-${simulation}`, {
              direction: 'backwards',
              maxCount: 1,
            }))
              return Number(e.revision);
            return -1;
          };
          let clock = Date.parse('2026-03-02T09:00:00Z');
          for (const [s, failAt] of commands) {
            clock += 60_000;
            const planned = planStep(
              { at: new Date(clock).toISOString(), ...s },
              { start: clock, previous: clock },
              [],
            );
            const before = await revision();
            if (failAt !== null)
              fault.prepare('UPDATE fault SET armed = 1, at = ?').run(before + 1 + failAt);
            let stored: string[] | null = null;
            try {
              const [result] = await app
                .get(CommandSender)
                .batch(simulation, planned, { refusals: 'fail' });
              if ('events' in result) stored = result.events.map((e) => e.eventId);
              seen.stored += 1;
            } catch (error) {
              const injected = (error as Error).message === 'injected disk fault';
              if (!(error instanceof DomainError) && !injected) throw error;
              seen[injected ? 'injected' : 'refused'] += 1;
            } finally {
              fault.prepare('UPDATE fault SET armed = 0').run();
            }
            const after = await revision();
            if (stored === null) expect(after).toBe(before);
            else {
              expect(after).toBe(before + stored.length);
              const tail: string[] = [];
              for await (const e of app.store.readStream(`sim-${simulation}`, {
                from: BigInt(before + 1),
              }))
                tail.push(e.metadata.eventId);
              expect(tail).toEqual(stored);
            }
          }
          // The write side holds no event the store does not: nothing was applied on its own.
          const { world } = await app.get(SimulationRepository).load(simulation);
          expect(world.position).toBe((await revision()) + 1);
        },
      ),
      { numRuns: RUNS.atomic },
    );
    expect((await app.store.verify()).ok).toBe(true);
    // Each way a command can end was taken.
    expect(Math.min(seen.stored, seen.refused, seen.injected)).toBeGreaterThan(0);
  });
});
