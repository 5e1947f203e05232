import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery, type QueryKind } from '@tokentrail/domain';
import { QueryService } from '@tokentrail/projections';
import { ScenarioRunner, parseScenario, planScenario } from '@tokentrail/scenarios';
import {
  GROUPS,
  USERS,
  opsArbitrary,
  scenarioOf,
  sessionsOf,
  stepTime,
  validSteps,
  type Step,
} from '../support/scenario-arbitrary';
import { createTestApp } from '../support/test-app';

/** Bounded: these counts are the property tests' size (they run in `npm test`). */
export const RUNS = { timeTravel: 40, relogon: 40, fork: 30 };

/** What may differ between two simulations of the same facts: where their events are stored. */
const comparable = (answer: unknown) =>
  JSON.parse(
    JSON.stringify(answer, (k, v: unknown) =>
      k === 'globalPosition' || k === 'eventId' || k === 'status' ? undefined : v,
    ),
  ) as unknown;

describe('properties of answers (fast-check)', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let n = 0;
  const run = async (steps: Step[]) => {
    const simulation = `p${n++}`;
    await app
      .get(ScenarioRunner)
      .run(planScenario(parseScenario(scenarioOf(steps))), { simulation });
    return simulation;
  };
  const ask = (simulation: string, kind: QueryKind, args: Record<string, unknown>, at: string) =>
    app.get(QueryService).answer(simulation, parseQuery(kind, args), { at });

  beforeAll(async () => {
    app = await createTestApp(undefined, undefined, { projector: false });
  });
  afterAll(async () => app?.close());

  it(`the answer at T does not change when events after T are appended (${RUNS.timeTravel} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(opsArbitrary(14), opsArbitrary(8), async (before, after) => {
        const early = validSteps(before);
        const all = validSteps([...before, ...after]);
        fc.pre(all.length > early.length);
        const t = stepTime(early.length - 1 + 0.5);
        const [short, long] = [await run(early), await run(all)];
        expect((await ask(long, 'truth', { principal: 'u0' }, t)).groups).toContain('Domain Users');
        for (const principal of [...USERS, ...GROUPS])
          expect(comparable(await ask(long, 'truth', { principal }, t))).toEqual(
            comparable(await ask(short, 'truth', { principal }, t)),
          );
        for (const session of sessionsOf(early))
          expect(comparable(await ask(long, 'token', { session }, t))).toEqual(
            comparable(await ask(short, 'token', { session }, t)),
          );
        expect(comparable(await ask(long, 'stale', {}, t))).toEqual(
          comparable(await ask(short, 'stale', {}, t)),
        );
      }),
      { numRuns: RUNS.timeTravel },
    );
  });

  it(`two online relogons with no membership change between them give a token equal to truth (${RUNS.relogon} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(opsArbitrary(14), fc.constantFrom(...USERS), async (ops, user) => {
        const first = { at: stepTime(0), logon: { user, machine: 'WS1', session: 'first' } };
        const changes = validSteps(ops, 1);
        const k = changes.length + 1;
        const steps: Step[] = [
          first,
          ...changes,
          { at: stepTime(k), logon: { user, machine: 'WS1', session: 'again-1' } },
          { at: stepTime(k + 1), logoff: { session: 'again-1' } },
          { at: stepTime(k + 2), logon: { user, machine: 'WS1', session: 'again-2' } },
        ];
        const simulation = await run(steps);
        const t = stepTime(k + 2);
        const token = await ask(simulation, 'token', { session: 'again-2' }, t);
        const truth = await ask(simulation, 'truth', { principal: user }, t);
        expect((token as { groups: string[] }).groups).toEqual(
          (truth as { groups: string[] }).groups,
        );
      }),
      { numRuns: RUNS.relogon },
    );
  });

  it(`a fork (remediate) never changes the original (${RUNS.fork} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(opsArbitrary(14), fc.nat(20), async (ops, pick) => {
        const steps = validSteps(ops);
        fc.pre(steps.length > 0);
        const simulation = await run(steps);
        const log = async () => {
          const ids: string[] = [];
          for await (const e of app.store.readStream(`sim-${simulation}`))
            ids.push(e.metadata.eventId);
          return ids;
        };
        const [head, events] = [await app.store.lastPosition(), await log()];
        const t = stepTime(pick % steps.length);
        const sessions = sessionsOf(steps);
        const before = await ask(simulation, 'truth', { principal: 'u0' }, t);
        for (const principal of USERS) {
          const args = sessions.length
            ? { principal, session: sessions[pick % sessions.length] }
            : { principal, server: 'WS1', service: 'smb', auth: 'kerberos' };
          await ask(simulation, 'remediate', args, t).catch((error: unknown) => {
            expect(error).toHaveProperty('code'); // refused as a typed domain error, or answered
          });
        }
        expect(await app.store.lastPosition()).toBe(head);
        expect(await log()).toEqual(events);
        expect(comparable(await ask(simulation, 'truth', { principal: 'u0' }, t))).toEqual(
          comparable(before),
        );
      }),
      { numRuns: RUNS.fork },
    );
  });
});
