import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamOf } from '@tokentrail/domain';
import {
  NothingToResume,
  ScenarioInvalid,
  ScenarioRunner,
  SimulationExists,
  parseScenarioText,
  planScenario,
} from '@tokentrail/scenarios';
import { RunLog, SimulationRepository } from '@tokentrail/simulation';
import { bigScenario } from '../support/big-scenario';
import { createTestApp } from '../support/test-app';

const SCENARIO = `
scenario: twice
start: 2026-03-02T08:00:00Z
domain:
  name: corp.example
  users: [alice]
  groups: [{ name: Finance, members: [alice] }]
  computers: [WS1, FS1]
steps:
  - { at: "09:00", id: logon, logon: { user: alice, machine: WS1, session: s1 } }
  - { at: "09:05", access: { id: a1, session: s1, server: FS1, service: smb, auth: kerberos } }
  - { at: "09:10", removeMember: { group: Finance, member: alice } }
queries:
  - { id: why, at: "09:12", explain: { access: a1 } }
  - { id: stale, at: "09:12", stale: {} }
  - { id: fix, at: "09:12", remediate: { principal: alice, server: FS1, service: smb, auth: kerberos } }
`;

/**
 * What the store assigns (global positions, event ids) differs between simulations; everything else
 * must not.
 */
const portable = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, (k, v) => (k === 'globalPosition' || k === 'eventId' ? undefined : v)),
  );

const invalid = (text: string) => {
  try {
    planScenario(parseScenarioText(text));
  } catch (error) {
    return error as ScenarioInvalid;
  }
  return null;
};

const base = (steps: string, queries = '') => `
scenario: bad
start: 2026-03-02T08:00:00Z
domain: { name: corp.example, users: [alice], groups: [Finance], computers: [WS1, FS1] }
steps:
${steps}
${queries ? `queries:\n${queries}` : ''}`;

describe('scenario runner', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let runner: ScenarioRunner;
  beforeAll(async () => {
    app = await createTestApp();
    runner = app.get(ScenarioRunner);
  });
  afterAll(async () => app?.close());

  it('given one scenario run into two simulations, then the results are identical', async () => {
    const plan = planScenario(parseScenarioText(SCENARIO));
    const first = await runner.run(plan, { simulation: 'twice-a' });
    const second = await runner.run(plan, { simulation: 'twice-b' });
    expect(portable(second)).toEqual(portable(first));
    expect(first.results.find((r) => r.id === 'why')?.items?.length).toBeGreaterThanOrEqual(4);
  });

  it('given a simulation that holds events, when the scenario is run into it again, then it is refused and nothing is appended', async () => {
    const plan = planScenario(parseScenarioText(SCENARIO));
    await runner.run(plan, { simulation: 'once' });
    const before = await app.store.lastPosition();
    await expect(runner.run(plan, { simulation: 'once' })).rejects.toThrow(SimulationExists);
    await expect(runner.run(plan, { simulation: 'once' })).rejects.toThrow(
      /already holds \d+ events/,
    );
    expect(await app.store.lastPosition()).toBe(before);
  });

  it('given a step refused at run time (a session already logged off), then the dry run names the step and field and nothing is appended', async () => {
    const plan = planScenario(
      parseScenarioText(
        base(`
  - { at: "09:00", logon: { user: alice, machine: WS1, session: s1 } }
  - { at: "09:01", logoff: { session: s1 } }
  - { at: "09:02", access: { session: s1, server: FS1, service: smb, auth: kerberos } }`),
      ),
    );
    const before = await app.store.lastPosition();
    const error = await runner.run(plan, { simulation: 'refused' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioInvalid);
    expect(error).toMatchObject({ path: 'steps[2].access.session', stepIndex: 2 });
    expect(await app.store.lastPosition()).toBe(before);
  });

  it.each([
    [
      'an unknown verb',
      base(`  - { at: "09:00", logn: { user: alice } }`),
      'steps[0].logn',
      /unknown step verb/,
    ],
    ['an empty verb', base(`  - { at: "09:00", "": 0 }`), 'steps[0]', /unknown step verb ""/],
    [
      'two verbs',
      base(`  - { at: "09:00", logoff: { session: s }, purge: { session: s } }`),
      'steps[0]',
      /exactly one step verb/,
    ],
    [
      'a missing field',
      base(`  - { at: "09:00", logon: { user: alice, machine: WS1 } }`),
      'steps[0].logon.session',
      /.+/,
    ],
    [
      'an unknown field',
      base(`  - { at: "09:00", logon: { user: alice, machine: WS1, session: s, colour: red } }`),
      'steps[0].logon',
      /unknown field colour/,
    ],
    [
      'a wrong type',
      base(`  - { at: "09:00", purge: { session: s, elevated: "yes" } }`),
      'steps[0].purge.elevated',
      /.+/,
    ],
    [
      'a bad time',
      base(`  - { at: "9 o'clock", createUser: { name: bob } }`),
      'steps[0].at',
      /not a time/,
    ],
    [
      'a step back in time',
      base(
        `  - { at: "09:00", createUser: { name: bob } }\n  - { at: "08:59", createUser: { name: carol } }`,
      ),
      'steps[1].at',
      /goes back in time/,
    ],
    [
      'smb over basic',
      base(`  - { at: "09:00", access: { session: s, server: FS1, service: smb, auth: basic } }`),
      'steps[0].access.auth',
      /smb takes kerberos or ntlm/,
    ],
    [
      'an access without server',
      base(`  - { at: "09:00", access: { session: s, service: smb, auth: ntlm } }`),
      'steps[0].access.server',
      /required unless service is file/,
    ],
    [
      'a query without at',
      base(
        `  - { at: "09:00", createUser: { name: bob } }`,
        `  - { id: q, truth: { principal: bob } }`,
      ),
      'queries[0].at',
      /required/,
    ],
    [
      'an unknown query',
      base(
        `  - { at: "09:00", createUser: { name: bob } }`,
        `  - { id: q, at: "09:00", trooth: { principal: bob } }`,
      ),
      'queries[0].trooth',
      /unknown query/,
    ],
    [
      'a bad policy',
      `scenario: x\nstart: 2026-03-02T08:00:00Z\npolicy: { basicTokenTtl: soon }\ndomain: { name: c }`,
      'policy.basicTokenTtl',
      /not a duration/,
    ],
    [
      'a start without zone',
      `scenario: x\nstart: 2026-03-02T08:00:00\ndomain: { name: c }`,
      'start',
      /with a zone/,
    ],
    ['not YAML', `scenario: [unclosed`, '', /not YAML or JSON/],
  ])('given %s', (_what, text, path, message) => {
    const error = invalid(text);
    expect(error).toBeInstanceOf(ScenarioInvalid);
    expect(error?.path.startsWith(path)).toBe(true);
    expect(error?.problem).toMatch(message);
  });

  it('given unknown names, then the dry run names the step, the field and the name', async () => {
    const cases: Array<[string, string]> = [
      [
        `  - { at: "09:00", logon: { user: bob, machine: WS1, session: s1 } }`,
        'steps[0].logon.user',
      ],
      [
        `  - { at: "09:00", logon: { user: alice, machine: WS9, session: s1 } }`,
        'steps[0].logon.machine',
      ],
      [
        `  - { at: "09:00", addMember: { group: Finance, member: mallory } }`,
        'steps[0].addMember.member',
      ],
      [`  - { at: "09:00", endProcess: { process: ghost } }`, 'steps[0].endProcess.process'],
      [
        `  - { at: "09:00", closeConnection: { connection: c9 } }`,
        'steps[0].closeConnection.connection',
      ],
    ];
    for (const [step, path] of cases) {
      const error = await runner
        .run(planScenario(parseScenarioText(base(step))), { simulation: 'never' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ScenarioInvalid', path });
    }
    const q = await runner
      .run(
        planScenario(
          parseScenarioText(
            base(
              `  - { at: "09:00", createUser: { name: bob } }`,
              `  - { id: q, at: "09:00", token: { session: nope } }`,
            ),
          ),
        ),
        { simulation: 'never' },
      )
      .catch((e: unknown) => e);
    expect(q).toMatchObject({ name: 'ScenarioInvalid', path: 'queries[0].token.session' });
    expect((await app.get(SimulationRepository).load('never')).world.position).toBe(0);
  });

  it('given a run interrupted after its first batches, then it reads incomplete, and --resume completes it to the log of an uninterrupted run', async () => {
    const plan = planScenario(parseScenarioText(bigScenario(300)));
    const interrupted = new Error('interrupted');
    const stopped = await runner
      .run(plan, {
        simulation: 'cut',
        batch: 50,
        onProgress: (done) => {
          if (done >= 150) throw interrupted;
        },
      })
      .catch((e: unknown) => e);
    expect(stopped).toBe(interrupted);
    expect(await app.get(RunLog).status('cut')).toBe('incomplete');
    await expect(runner.run(plan, { simulation: 'cut' })).rejects.toThrow(SimulationExists);
    const resumed = await runner.run(plan, { simulation: 'cut', resume: true, batch: 50 });
    expect(await app.get(RunLog).status('cut')).toBe('complete');
    const whole = await runner.run(plan, { simulation: 'whole', batch: 50 });
    expect(portable(resumed)).toEqual(portable(whole));
    const facts = async (simulation: string) => {
      const out: unknown[] = [];
      for await (const e of app.store.readStream(streamOf(simulation)))
        out.push([e.type, e.data, e.metadata.occurredAt, e.metadata.command]);
      return out;
    };
    expect(await facts('cut')).toEqual(await facts('whole'));
    await expect(runner.run(plan, { simulation: 'cut', resume: true })).rejects.toThrow(
      NothingToResume,
    );
    await expect(
      runner.run(planScenario(parseScenarioText(SCENARIO)), {
        simulation: 'never-run',
        resume: true,
      }),
    ).rejects.toThrow(/no run of a scenario started there/);
  });
});
