import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheus from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import { startApi } from '../support/api-process';
import { staleExampleText, winlogbeatImportText } from '../support/examples';
import { keyring } from '../support/keyring';
import { freePort, until } from '../support/local-process';

const keys = keyring({ root: 'admin', ana: 'reader' });
const ADMIN = keys.key.root;
const READER = keys.key.ana;
const KEYS = keys.json;
const IMPORT = winlogbeatImportText();

const children: ChildProcess[] = [];
const servers: Server[] = [];
afterEach(() => {
  children.splice(0).forEach((c) => c.kill('SIGKILL'));
  servers.splice(0).forEach((s) => s.close());
});

const store = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tt-obs-'));
  return { TOKENTRAIL_DB: join(dir, 'log.db') };
};

async function api(env: Record<string, string>) {
  const started = await startApi({ ...store(), ...env });
  children.push(started.child);
  const call = async (path: string, init: RequestInit & { key?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.key) headers.set('authorization', `Bearer ${init.key}`);
    return fetch(started.url + path, { ...init, headers });
  };
  /** Stops it with SIGTERM and returns its standard output, every line of it. */
  const stop = async () => {
    started.child.kill('SIGTERM');
    await started.exited;
    return started.output().split('\n').filter(Boolean);
  };
  return { ...started, call, stop };
}

/** A sample's value from the Prometheus text, by metric name and labels. */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  if (line === undefined) throw new Error(`no sample ${name}${labels}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('observability: logs, metrics, health and traces of the API process', () => {
  it('given requests carrying keys, a cookie and a request id, then standard output is one ECS JSON object per line, each request logged with its id, no secret written, and the route log quiet', async () => {
    const a = await api({ TOKENTRAIL_API_KEYS: KEYS });
    const run = await a.call('/simulations?id=inv', {
      method: 'POST',
      key: ADMIN,
      headers: { 'content-type': 'text/yaml', cookie: 'session=cookie-secret-42' },
      body: staleExampleText(),
    });
    expect(run.status).toBe(201);
    const asked = await a.call('/simulations/inv/truth/alice?position=3', {
      key: READER,
      headers: { 'x-request-id': 'req-42' },
    });
    expect(asked.headers.get('x-request-id')).toBe('req-42');
    expect((await a.call('/simulations', { key: 'tt_wrong_key_777' })).status).toBe(401);
    const lines = await a.stop();

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const entry of entries)
      expect(entry).toMatchObject({
        '@timestamp': expect.any(String),
        'log.level': expect.any(String),
        message: expect.any(String),
        'ecs.version': expect.any(String),
        'service.name': 'tokentrail',
      });
    expect(entries).toContainEqual(
      expect.objectContaining({
        'http.request.id': 'req-42',
        'http.request.method': 'GET',
        'url.path': '/simulations/inv/truth/alice',
        http: expect.objectContaining({ response: expect.objectContaining({ status_code: 200 }) }),
      }),
    );
    const text = lines.join('\n');
    for (const secret of [ADMIN, READER, 'tt_wrong_key_777', 'cookie-secret-42'])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/Mapped \{|dependencies initialized/);
  });

  it('given TOKENTRAIL_LOG_LEVEL=debug, then Nest’s route log is there, still one JSON object per line', async () => {
    const lines = await (await api({ TOKENTRAIL_LOG_LEVEL: 'debug' })).stop();
    const entries = lines.map((line) => JSON.parse(line) as { message: string });
    expect(entries.map((e) => e.message)).toContain('Mapped {/health/ready, GET} route');
  });

  it('given a scenario, a question and an import, then /metrics (a reader key) parses as Prometheus text and counts them; without a key it is 401', async () => {
    const a = await api({ TOKENTRAIL_API_KEYS: KEYS });
    const run = (await (
      await a.call('/simulations?id=inv', {
        method: 'POST',
        key: ADMIN,
        headers: { 'content-type': 'text/yaml' },
        body: staleExampleText(),
      })
    ).json()) as { events: number };
    expect((await a.call('/simulations/inv/truth/alice?position=3', { key: READER })).status).toBe(
      200,
    );
    const imported = (await (
      await a.call('/simulations/imp/imports', {
        method: 'POST',
        key: ADMIN,
        headers: { 'content-type': 'application/x-ndjson' },
        body: `${IMPORT}\nnot json\n`,
      })
    ).json()) as { imported: number; malformed: number; events: number };
    expect((await a.call('/metrics')).status).toBe(401);
    const scraped = await a.call('/metrics', { key: READER });
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = await scraped.text();

    const families = new Map(parsePrometheus(text).map((f) => [f.name, f]));
    expect(families.get('tokentrail_commands_appended_total')?.type).toBe('COUNTER');
    expect(families.get('tokentrail_append_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(families.get('tokentrail_question_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(families.get('tokentrail_projector_lag_events')?.type).toBe('GAUGE');
    expect(families.get('tokentrail_projector_lag_seconds')?.type).toBe('GAUGE');
    expect(families.get('tokentrail_import_records_total')?.metrics).toEqual(
      expect.arrayContaining([
        { labels: { outcome: 'imported' }, value: String(imported.imported) },
        { labels: { outcome: 'malformed' }, value: String(imported.malformed) },
      ]),
    );
    expect(imported.malformed).toBe(1);
    expect(sample(text, 'tokentrail_events_appended_total')).toBe(run.events + imported.events);
    expect(sample(text, 'tokentrail_commands_appended_total')).toBeGreaterThanOrEqual(
      imported.imported + 3,
    );
    expect(sample(text, 'tokentrail_append_duration_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'tokentrail_question_duration_seconds_count', '{kind="truth"}')).toBe(1);
  });

  it('given a projector held behind the log and TOKENTRAIL_READY_MAX_LAG=1, then health, readiness and /metrics report the same lag in events, and readiness turns 503 once the oldest unprojected event is over a second old', async () => {
    const a = await api({ TOKENTRAIL_PROJECTOR_HOLD_AT: '4', TOKENTRAIL_READY_MAX_LAG: '1' });
    const run = await a.call('/simulations?id=inv', {
      method: 'POST',
      headers: { 'content-type': 'text/yaml' },
      body: staleExampleText(),
    });
    expect(run.status).toBe(201);
    const health = await until(a.health, (h) => h.projectedPosition === '4');
    const behind = Number(health.lastPosition) - 4;
    expect(health.lag?.events).toBe(behind);
    const ready = await until(
      () => a.call('/health/ready'),
      (r) => r.status === 503,
    );
    expect(await ready.json()).toMatchObject({
      status: 'error',
      error: {
        projector: {
          status: 'down',
          projectedPosition: '4',
          lag: { events: behind },
          maxLagSeconds: 1,
        },
      },
      details: { store: { status: 'up' } },
    });
    expect(sample(await (await a.call('/metrics')).text(), 'tokentrail_projector_lag_events')).toBe(
      behind,
    );
    expect((await a.call('/health/live')).status).toBe(200);
  });

  it('given EventStoreDB on a closed port, then readiness is 503 naming the store, liveness stays 200', async () => {
    const closed = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'tt-obs-'));
    const a = await api({
      TOKENTRAIL_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: `esdb://127.0.0.1:${closed}?tls=false`,
      TOKENTRAIL_READ_DB: join(dir, 'read.db'),
    });
    const ready = await a.call('/health/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'error',
      error: { store: { status: 'down', kind: 'eventstoredb' } },
    });
    expect((await a.call('/health/live')).status).toBe(200);
  });

  it('given TOKENTRAIL_TRACING=on and an OTLP/HTTP JSON endpoint on loopback, then the API starts and a request arrives there as a span', async () => {
    const bodies: string[] = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        if (req.url === '/v1/traces') bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    servers.push(collector);
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const port = (collector.address() as { port: number }).port;
    const a = await api({
      TOKENTRAIL_TRACING: 'on',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_BSP_SCHEDULE_DELAY: '50',
    });
    expect((await a.call('/simulations')).status).toBe(200);
    const spans = await until(
      () => Promise.resolve(bodies.join('\n')),
      (text) => text.includes('"http.route"') && text.includes('/simulations'),
    );
    expect(spans).toContain('"tokentrail"');
    const lines = await a.stop();
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });
});
