import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttp } from '../support/test-http';
import { OTRF_BACKDOOR } from '../support/checkout';

const SCENARIO = readFileSync(
  join(__dirname, '..', '..', 'examples', 'scenarios', '11-stale-explain-remediate.yaml'),
  'utf8',
);

/** A JSON answer as the tests read it: any shape, checked by the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are asserted field by field
type Body = Record<string, any>;

describe('HTTP API (e2e over a real socket)', () => {
  let app: INestApplication;
  let url: string;
  const get = async (path: string) => {
    const res = await fetch(url + path);
    return { status: res.status, body: (await res.json()) as Body };
  };
  const post = async (path: string, body: unknown, type = 'application/json') => {
    const res = await fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': type },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Body };
  };
  const head = async () => (await get('/health')).body.lastPosition as string;

  beforeAll(async () => {
    ({ app, url } = await startHttp());
  });
  afterAll(async () => app?.close());

  it('given a scenario posted as YAML, then it runs into a new simulation and returns the SCENARIOS.md results', async () => {
    const res = await post('/simulations?id=inv-7', SCENARIO, 'text/yaml');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ simulation: 'inv-7', failed: 0 });
    expect(
      res.body.results
        .find((r: { id: string }) => r.id === 'fix-share')
        .items.map((i: { action: string }) => i.action),
    ).toEqual(['purge', 'wait']);
    expect((await get('/simulations/inv-7')).body).toMatchObject({
      id: 'inv-7',
      status: 'complete',
      events: res.body.events,
      runs: [{ kind: 'scenario', completed: true, commands: expect.any(Number) }],
    });
    // The scenario's two remediate queries proved their plans on forks held in memory: nothing was
    // stored.
    const head = (await get('/health')).body.lastPosition;
    await get('/simulations/inv-7/remediate?principal=alice&session=s1&at=2026-03-02T09:12:00Z');
    expect((await get('/health')).body.lastPosition).toBe(head);
  });

  it('asks time-travel questions at three moments, and by position', async () => {
    const at = (t: string) => `at=2026-03-02T${t}:00Z`;
    expect((await get(`/simulations/inv-7/truth/alice?${at('09:09')}`)).body.groups).toEqual([
      'Domain Users',
      'Finance',
    ]);
    expect((await get(`/simulations/inv-7/truth/alice?${at('09:11')}`)).body.groups).toEqual([
      'Domain Users',
    ]);
    const smb = (t: string) =>
      get(`/simulations/inv-7/smb-sessions?session=s1&server=FS1&${at(t)}`);
    expect((await smb('09:04')).body).toMatchObject({ none: true });
    expect((await smb('09:12')).body.groups).toContain('Finance');
    expect((await smb('09:15')).body).toMatchObject({ none: true });
    const stale = await get(`/simulations/inv-7/stale?${at('09:12')}`);
    expect(stale.body.items.map((i: { kind: string }) => i.kind)).toEqual(
      expect.arrayContaining(['smb-session', 'tgt', 'session-token']),
    );
    expect(
      (await get(`/simulations/inv-7/explain?access=share&${at('09:12')}`)).body.items[0],
    ).toMatchObject({ type: 'MemberAdded', position: expect.any(Number) });
    const byPosition = await get('/simulations/inv-7/truth/alice?position=7');
    expect(byPosition.body).toMatchObject({ position: 7, groups: ['Domain Users', 'Finance'] });
    expect(
      (await get(`/simulations/inv-7/artifacts?${at('09:12')}&kind=tgt`)).body.items,
    ).toHaveLength(1);
    expect(
      (await get(`/simulations/inv-7/remediate?principal=alice&session=s1&${at('09:12')}`)).body
        .groups,
    ).not.toContain('Finance');
    const history = (await get('/simulations/inv-7/truth/alice/history')).body.items;
    expect(history.map((i: { groups: string[] }) => i.groups)).toEqual([
      ['Domain Users'],
      ['Domain Users', 'Finance'],
      ['Domain Users'],
    ]);
    expect(history[2]).toMatchObject({ fromAt: '2026-03-02T09:10:00.000Z', toAt: null });
  });

  it('pages the log with positions that are the simulation’s own event numbers', async () => {
    const page = await get('/simulations/inv-7/events?fromPosition=3&limit=2');
    expect(page.body.events.map((e: { position: number }) => e.position)).toEqual([3, 4]);
    expect(page.body.nextPosition).toBe(5);
    const late = await get('/simulations/inv-7/events?from=2026-03-02T09:10:00Z');
    expect(
      late.body.events.every(
        (e: { metadata: { occurredAt: string } }) =>
          e.metadata.occurredAt >= '2026-03-02T09:10:00.000Z',
      ),
    ).toBe(true);
  });

  it('streams events with SSE: the stored ones, then a command posted meanwhile', async () => {
    const controller = new AbortController();
    const res = await fetch(`${url}/simulations/inv-7/events/stream?fromPosition=15`, {
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}`);
        text += decoder.decode(value);
      }
    };
    await until(/"position":17,/);
    expect(text).toMatch(/^id: 15$/m);
    expect(text).not.toContain('"position":14,');
    const posted = await post('/simulations/inv-7/commands', {
      at: '2026-03-02T10:00:00Z',
      createUser: { name: 'zoe' },
    });
    expect(posted.status).toBe(201);
    await until(/"name":"zoe"/);
    controller.abort();
  });

  it('refuses a bad command with 422 naming the field, an unknown simulation with 404, and appends nothing', async () => {
    const before = await head();
    const missing = await post('/simulations/inv-7/commands', {
      at: '2026-03-02T10:05:00Z',
      logon: { user: 'alice', machine: 'WS1' },
    });
    expect(missing).toMatchObject({
      status: 422,
      body: { error: 'ScenarioInvalid', field: 'logon.session' },
    });
    const unknown = await post('/simulations/inv-7/commands', {
      at: '2026-03-02T10:05:00Z',
      logon: { user: 'mallory', machine: 'WS1', session: 'm1' },
    });
    expect(unknown).toMatchObject({
      status: 422,
      body: { error: 'UnknownPrincipal', field: 'logon.user' },
    });
    const back = await post('/simulations/inv-7/commands', {
      at: '2026-03-02T07:00:00Z',
      createUser: { name: 'yves' },
    });
    expect(back).toMatchObject({ status: 422, body: { field: 'at' } });
    expect((await get('/simulations/inv-7/truth/alice')).body).toMatchObject({
      statusCode: 422,
      field: 'at',
    });
    expect((await get('/simulations/nope/truth/alice?at=2026-03-02T09:00:00Z')).status).toBe(404);
    expect((await post('/simulations/nope/commands', { createUser: { name: 'x' } })).status).toBe(
      404,
    );
    expect((await post('/simulations?id=inv-7', SCENARIO, 'text/yaml')).status).toBe(409);
    const invalid = await post(
      '/simulations?id=inv-8',
      'scenario: x\nstart: 2026-03-02T08:00:00Z\ndomain: { name: c }\nsteps:\n  - { at: "09:00", logon: { user: ghost, machine: WS1, session: s } }\n',
      'text/yaml',
    );
    expect(invalid).toMatchObject({ status: 422, body: { field: 'steps[0].logon.user' } });
    expect(await head()).toBe(before);
    expect((await get('/simulations/inv-8/truth/ghost?at=2026-03-02T09:00:00Z')).status).toBe(404);
  });

  it('imports NDJSON streamed in the request body, then exports findings and streams them with SSE', async () => {
    const file = OTRF_BACKDOOR;
    if (!existsSync(file)) return;
    const res = await fetch(`${url}/simulations/inv-9/imports?timezone=-04:00`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: 'half',
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      simulation: 'inv-9',
      read: 99,
      imported: 99,
      baselineFacts: 5,
      exitCode: 0,
      reports: [{ name: '-', format: 'otrf', time: { offset: '-04:00', source: 'given' } }],
    });
    // pgustavo's standing groups are baseline facts, not findings: the export has none.
    const cef = await (
      await fetch(`${url}/simulations/inv-9/export?format=cef&findingsOnly=true`)
    ).text();
    expect(cef.trim()).toBe('');
    const bad = await get('/simulations/inv-9/export?format=xml');
    expect(bad).toMatchObject({ status: 422, body: { field: 'format' } });
    const controller = new AbortController();
    const stream = await fetch(`${url}/simulations/inv-9/events/stream`, {
      signal: controller.signal,
    });
    const reader = stream.body!.getReader();
    let text = '';
    while ((text.match(/BaselineMembershipObserved/g) ?? []).length < 5)
      text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const badImport = await fetch(`${url}/simulations/inv-9/imports?format=csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: '{}',
    });
    expect(badImport.status).toBe(422);
  });

  it('serves the OpenAPI document and a docs page', async () => {
    const doc = await get('/openapi.json');
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/simulations',
        '/simulations/{id}/commands',
        '/simulations/{id}/stale',
        '/simulations/{id}/events/stream',
      ]),
    );
    expect((await fetch(`${url}/docs`)).status).toBe(200);
  });
});
