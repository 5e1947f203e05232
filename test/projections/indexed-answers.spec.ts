import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decode,
  emptyWorld,
  evolve,
  streamOf,
  type Envelope,
  type Query,
  type World,
} from '@tokentrail/domain';
import {
  Projector,
  answerAsOf,
  indexSource,
  linkOf,
  worldSource,
  type AnswerSource,
  type ReadModel,
} from '@tokentrail/projections';
import { ScenarioRunner, parseScenarioText, planScenario } from '@tokentrail/scenarios';
import { CommandSender } from '@tokentrail/simulation';
import { enterpriseScenarioLines } from '../bench/enterprise';
import { bigScenario } from '../support/big-scenario';
import { createTestApp } from '../support/test-app';

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'scenarios');

/** Every name a question could use: the log's sessions, processes, machines and principals. */
function names(world: World) {
  const principals = [...world.directory.principals.values()];
  return {
    sessions: [...world.sessions.keys(), ...world.endedSessions],
    processes: [...world.processIndex.keys()],
    machines: [...world.machines.values()].map((m) => m.name),
    users: [
      ...principals
        .filter((p) => p.kind === 'user')
        .flatMap((p) => [p.name, ...p.formerNames, p.sid.toLowerCase()]),
      'S-1-5-21-0-0-0-1',
    ],
    accesses: [...world.accessIndex.keys()],
  };
}

/** Questions about every name (capped), plus names the log never knows. */
function questions(world: World, cap: number): Query[] {
  const n = names(world);
  const some = <T>(xs: T[]) => xs.slice(0, cap).concat(xs.length > cap ? xs.slice(-2) : []);
  const q: Query[] = [{ kind: 'stale', args: {} }];
  for (const principal of [...some(n.users), 'nobody'])
    q.push({ kind: 'truth', args: { principal } }, { kind: 'stale', args: { principal } });
  for (const session of [...some(n.sessions), 'no-such-session']) {
    for (const elevated of [false, true]) {
      q.push({ kind: 'token', args: { session, elevated } });
      q.push({ kind: 'tgt', args: { session, elevated } });
      q.push({ kind: 'explain', args: { session, elevated, of: 'tgt' } });
    }
    for (const server of some(n.machines))
      q.push({ kind: 'smbSession', args: { session, server } });
  }
  for (const process of some(n.processes)) q.push({ kind: 'token', args: { process } });
  for (const machine of [...some(n.machines), 'NOWHERE']) {
    q.push({ kind: 'token', args: { machine } }, { kind: 'tgt', args: { machine } });
    q.push({ kind: 'stale', args: { machine } });
    for (const user of some(n.users)) {
      q.push({ kind: 'logonCache', args: { machine, user } });
      q.push({ kind: 'basicCache', args: { server: machine, user } });
    }
  }
  for (const access of some(n.accesses)) q.push({ kind: 'explain', args: { access } });
  return q;
}

const attempt = (answer: () => unknown) => {
  try {
    return answer();
  } catch (error) {
    return { error: (error as Error).name, message: (error as Error).message };
  }
};

/**
 * Given a simulation projected into the read model, when every question is asked at moments on,
 * between and around its events, then the intervals answer exactly what a fold of the log does.
 */
async function expectIndexEqualsFold(
  rm: ReadModel,
  log: Envelope[],
  simulation: string,
  options: { every: number; cap: number },
) {
  const row = rm.simulation(simulation)!;
  expect(row.monotonic).toBe(true);
  const byId = new Map(log.map((e) => [e.eventId, e]));
  const lookup = { get: (id: string) => (byId.has(id) ? linkOf(byId.get(id)!) : undefined) };
  const end = emptyWorld();
  for (const e of log) evolve(end, e);
  const whole = worldSource(end, end.lastOccurredAt!, lookup);
  const latest = indexSource(rm, row.sim, { position: row.events, at: row.maxAt });
  const asked = questions(end, options.cap);
  const world = emptyWorld();
  let compared = 0;
  const compare = (fold: AnswerSource, position: number, at: string) => {
    const index = indexSource(rm, row.sim, { position, at });
    for (const q of asked) {
      const expected = attempt(() => answerAsOf(fold, q, () => whole));
      const actual = attempt(() => answerAsOf(index, q, () => latest));
      expect({ at, position, q, actual }).toEqual({ at, position, q, actual: expected });
      compared++;
    }
  };
  const first = Date.parse(log[0].occurredAt);
  compare(
    worldSource(world, new Date(first - 60_000).toISOString(), lookup),
    0,
    new Date(first - 60_000).toISOString(),
  );
  for (let i = 0; i < log.length; i++) {
    evolve(world, log[i]);
    const next = log[i + 1];
    if (i % options.every !== 0 && next && next.occurredAt === log[i].occurredAt) continue;
    if (i % options.every !== 0 && i !== log.length - 1) continue;
    const at = log[i].occurredAt;
    compare(worldSource(world, at, lookup), i + 1, at);
    // Between this event and the next (or long after the last): expiries happen here.
    const later = next
      ? new Date((Date.parse(at) + Date.parse(next.occurredAt)) / 2).toISOString()
      : new Date(Date.parse(at) + 36 * 3600_000).toISOString();
    if (!next || later > at) {
      const gap = worldSource(world, later, lookup);
      compare(gap, i + 1, later);
    }
  }
  return compared;
}

async function projected(text: string, simulation: string) {
  const app = await createTestApp();
  await app.get(ScenarioRunner).run(planScenario(parseScenarioText(text)), { simulation });
  await app.get(Projector).settled();
  const log: Envelope[] = [];
  for await (const e of app.store.readStream(streamOf(simulation))) log.push(decode(e));
  return { app, log };
}

describe('answers from the projections equal answers from a fold (SEMANTICS.md §12)', () => {
  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));

  it.each(examples)(
    'given examples/scenarios/%s projected, when every question is asked at every moment, then the intervals answer as the fold does',
    async (file) => {
      const { app, log } = await projected(readFileSync(join(EXAMPLES, file), 'utf8'), 'ex');
      const compared = await expectIndexEqualsFold(app.readModel, log, 'ex', {
        every: 1,
        cap: 50,
      });
      expect(compared).toBeGreaterThan(0);
      await app.close();
    },
  );

  it('given a small enterprise (nesting, churn, restarts, every protocol, Basic and delegation caches), then the intervals answer as the fold does', async () => {
    const text = [
      ...enterpriseScenarioLines({ users: 30, groups: 12, machines: 8, depth: 4 }, 700),
    ].join('\n');
    const { app, log } = await projected(text, 'ent');
    await expectIndexEqualsFold(app.readModel, log, 'ent', { every: 37, cap: 6 });
    await app.close();
  });

  it('given accounts seen by SID, named, renamed, deleted and a name used again (imported logs), then names resolve at each moment as the fold resolves them', async () => {
    const app = await createTestApp();
    const D = 'S-1-5-21-7-7-7';
    let n = 0;
    const at = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:00.000Z`;
    const seen = (minute: number, observation: Record<string, unknown>) => ({
      at: at(minute),
      command: {
        verb: 'observe' as const,
        args: {
          record: {
            computer: 'DC1',
            channel: 'Security',
            recordId: ++n,
            eventId: 4720,
            time: at(minute),
          },
          ...observation,
        } as never,
      },
    });
    const user = (rid: number, name?: string) => ({
      sid: `${D}-${rid}`,
      ...(name ? { name } : {}),
      domain: 'CORP',
      kind: 'user',
    });
    const finance = { sid: `${D}-3000`, name: 'Finance', domain: 'CORP', kind: 'group' };
    const commands = [
      seen(1, {
        kind: 'membership',
        add: true,
        security: true,
        group: finance,
        member: user(1104),
      }),
      seen(2, { kind: 'account', principal: user(1104, 'alice') }),
      seen(3, { kind: 'account', principal: user(1105, 'bob') }),
      seen(4, { kind: 'account', principal: user(1104, 'alicia') }),
      seen(5, {
        kind: 'membership',
        add: true,
        security: true,
        group: finance,
        member: user(1105),
      }),
      seen(6, { kind: 'accountDeleted', principal: user(1104, 'alicia') }),
      seen(7, { kind: 'account', principal: user(1106, 'alice') }),
      seen(8, { kind: 'account', principal: user(1105, 'alicia') }),
      seen(9, {
        kind: 'membership',
        add: false,
        security: true,
        group: finance,
        member: user(1105),
      }),
    ];
    for (const c of commands) await app.get(CommandSender).batch('names', [c]);
    await app.get(Projector).settled();
    const log: Envelope[] = [];
    for await (const e of app.store.readStream(streamOf('names'))) log.push(decode(e));
    expect(log.map((e) => e.event.type)).toContain('PrincipalNamed');
    await expectIndexEqualsFold(app.readModel, log, 'names', { every: 1, cap: 20 });
    await app.close();
  });

  it('given membership churn with logons and SMB accesses, then the intervals answer as the fold does', async () => {
    const { app, log } = await projected(bigScenario(300), 'big');
    await expectIndexEqualsFold(app.readModel, log, 'big', { every: 23, cap: 6 });
    await app.close();
  });
});
