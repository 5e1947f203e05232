import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { decode, emptyWorld, evolve, streamOf, type Query } from '@tokentrail/domain';
import { EVENT_STORE, EventStoreModule, type EventStore } from '@tokentrail/event-store';
import {
  ProjectionsModule,
  QueryService,
  READ_MODEL,
  answerQuery,
  worldSource,
  type ReadModel,
} from '@tokentrail/projections';
import { random } from './enterprise';
import { percentiles, since } from './percentiles';

@Module({ imports: [EventStoreModule, ProjectionsModule] })
class QueryModule {}

type Percentiles = ReturnType<typeof percentiles>;

export interface QueryFigures {
  timeTravelMs: Record<'token' | 'truth' | 'smbSession' | 'staleMachine', Percentiles> & {
    /** The same questions asked in the first and the last tenth of the log (p99). */
    firstTenthP99: number;
    lastTenthP99: number;
  };
  explainMs: Percentiles;
  naiveMs: Percentiles;
  vsNaiveTimeTravel: number;
}

interface Sample {
  query: Query;
  at: string;
}

/**
 * Questions at random moments, about artifacts that are alive then (a session's token or SMB
 * session, picked from the projections' own intervals), a principal's truth, and what is stale on
 * one machine; timed through QueryService as the API and the CLI ask them.
 */
export async function timeQuestions(simulation: string, questions: number): Promise<QueryFigures> {
  const app = await NestFactory.createApplicationContext(QueryModule, { logger: ['error'] });
  const queries = app.get(QueryService);
  const rm = app.get<ReadModel>(READ_MODEL);
  const store = app.get<EventStore>(EVENT_STORE);
  const row = rm.simulation(simulation);
  if (!row) throw new Error(`simulation ${simulation} is not projected`);
  const rnd = random(42);
  const first = Date.parse(row.firstAt);
  const last = Date.parse(row.lastAt);
  const one = <T>(sql: string, ...args: unknown[]) => rm.db.prepare(sql).get(...args) as T;
  const count = (kind: string) =>
    one<{ n: number }>(
      'SELECT count(*) AS n FROM artifacts WHERE sim = ? AND kind = ?',
      row.sim,
      kind,
    ).n;
  const artifactAt = (kind: string) => {
    const r = one<{ id: string; from_at: string; to_at: string | null }>(
      'SELECT id, from_at, to_at FROM artifacts WHERE sim = ? AND kind = ? LIMIT 1 OFFSET ?',
      row.sim,
      kind,
      Math.floor(rnd() * count(kind)),
    );
    const from = Date.parse(r.from_at);
    const to = r.to_at ? Date.parse(r.to_at) : last;
    return {
      id: r.id,
      at: new Date(from + Math.floor(rnd() * Math.max(1, to - from))).toISOString(),
    };
  };
  const anyTime = () => new Date(first + Math.floor(rnd() * (last - first))).toISOString();
  const users = one<{ n: number }>(
    "SELECT count(*) AS n FROM principal_aliases WHERE sim = ? AND name LIKE 'u%'",
    row.sim,
  ).n;
  const machines = rm.db
    .prepare("SELECT name FROM names WHERE sim = ? AND space = 'machine'")
    .pluck()
    .all(row.sim) as string[];
  const make: Record<'token' | 'truth' | 'smbSession' | 'staleMachine' | 'explain', () => Sample> =
    {
      token: () => {
        const { id, at } = artifactAt('session-token');
        return { query: { kind: 'token', args: { session: id.split('/')[0] } }, at };
      },
      smbSession: () => {
        const { id, at } = artifactAt('smb-session');
        const [session, , server] = id.split('/');
        return { query: { kind: 'smbSession', args: { session, server } }, at };
      },
      truth: () => ({
        query: { kind: 'truth', args: { principal: `u${Math.floor(rnd() * users)}` } },
        at: anyTime(),
      }),
      staleMachine: () => ({
        query: { kind: 'stale', args: { machine: machines[Math.floor(rnd() * machines.length)] } },
        at: anyTime(),
      }),
      explain: () => {
        const { id, at } = artifactAt('session-token');
        return { query: { kind: 'explain', args: { session: id.split('/')[0] } }, at };
      },
    };
  const ask = async (s: Sample) => {
    const start = process.hrtime.bigint();
    await queries.answer(simulation, s.query, { at: s.at });
    return since(start);
  };
  const timed = async (kind: keyof typeof make, n: number) => {
    const samples: Array<{ ms: number; at: string }> = [];
    for (let i = 0; i < n; i++) {
      const s = make[kind]();
      samples.push({ ms: await ask(s), at: s.at });
    }
    return samples;
  };
  const token = await timed('token', questions);
  const truth = await timed('truth', questions);
  const smb = await timed('smbSession', questions);
  const stale = await timed('staleMachine', Math.max(50, questions / 10));
  const explain = await timed('explain', Math.max(50, questions / 10));
  const all = [...token, ...truth, ...smb];
  const tenth = (last - first) / 10;
  const inFirst = all.filter((s) => Date.parse(s.at) < first + tenth).map((s) => s.ms);
  const inLast = all.filter((s) => Date.parse(s.at) > last - tenth).map((s) => s.ms);

  // The naive baseline: fold the log from its first event for each question.
  const naive: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = make.token();
    const start = process.hrtime.bigint();
    const world = emptyWorld();
    for await (const stored of store.readStream(streamOf(simulation))) {
      const e = decode(stored);
      if (e.occurredAt > s.at) break;
      evolve(world, e);
    }
    answerQuery(worldSource(world, s.at, { get: () => undefined }), s.query);
    naive.push(since(start));
  }
  await app.close();
  const tokenMs = percentiles(token.map((s) => s.ms));
  const naiveMs = percentiles(naive);
  return {
    timeTravelMs: {
      token: tokenMs,
      truth: percentiles(truth.map((s) => s.ms)),
      smbSession: percentiles(smb.map((s) => s.ms)),
      staleMachine: percentiles(stale.map((s) => s.ms)),
      firstTenthP99: percentiles(inFirst).p99,
      lastTenthP99: percentiles(inLast).p99,
    },
    explainMs: percentiles(explain.map((s) => s.ms)),
    naiveMs,
    vsNaiveTimeTravel: Math.round(naiveMs.p50 / Math.max(tokenMs.p50, 0.01)),
  };
}
