import { request as httpRequest } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../apps/api/src/api-keys';
import { signingKeyFile } from '../support/evidence-store';
import { staleExampleText } from '../support/examples';
import { readReply, startHttp, type Body } from '../support/test-http';

const SCENARIO = staleExampleText();

const KEYS = {
  reader: 'tt_reader_key_for_tests_0000000000000000000',
  writer: 'tt_writer_key_for_tests_1111111111111111111',
  admin: 'tt_admin_key_for_tests_22222222222222222222',
};

/** The key file's content: hashes only, the writer limited to one simulation. */
const KEY_FILE = JSON.stringify({
  keys: [
    { id: 'ana', role: 'reader', sha256: hashApiKey(KEYS.reader) },
    { id: 'wes', role: 'writer', sha256: hashApiKey(KEYS.writer), simulations: ['inv-w'] },
    { id: 'root', role: 'admin', sha256: hashApiKey(KEYS.admin) },
  ],
});

interface Call {
  method?: string;
  key?: keyof typeof KEYS;
  body?: string;
  type?: string;
}

function client(base: () => string) {
  return async (path: string, c: Call = {}) => {
    const res = await fetch(base() + path, {
      method: c.method ?? (c.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(c.key ? { authorization: `Bearer ${KEYS[c.key]}` } : {}),
        ...(c.type ? { 'content-type': c.type } : {}),
      },
      body: c.body,
    });
    return readReply(res);
  };
}

describe('access control and bounds over real HTTP (keys configured)', () => {
  let app: INestApplication;
  let url = '';
  const call = client(() => url);
  /** The store's last global position: a refused request must leave it where it was. */
  const head = async () => (await call('/health')).body.lastPosition as string | null;
  const logged: string[] = [];
  const writes = [process.stdout.write, process.stderr.write];
  const signer = signingKeyFile();

  beforeAll(async () => {
    for (const [i, stream] of [process.stdout, process.stderr].entries())
      stream.write = (chunk: string | Uint8Array, ...rest: never[]) => {
        logged.push(String(chunk));
        return writes[i].call(stream, chunk, ...rest);
      };
    ({ app, url } = await startHttp(undefined, {
      TOKENTRAIL_API_KEYS: KEY_FILE,
      TOKENTRAIL_MAX_BODY: '8kb',
      TOKENTRAIL_MAX_DEPTH: '16',
      TOKENTRAIL_MAX_STEPS: '12',
      TOKENTRAIL_MAX_IMPORT_RECORDS: '3',
      TOKENTRAIL_SIGNING_KEY: signer.file,
    }));
    const created = await call('/simulations?id=inv-w', {
      key: 'admin',
      body: SCENARIO,
      type: 'text/yaml',
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    [process.stdout.write, process.stderr.write] = writes;
    await app?.close();
  });

  it('given no key or an unknown key, then 401 (with WWW-Authenticate) and nothing is appended; health, docs and the schema stay open', async () => {
    const before = await head();
    const step = JSON.stringify({ createUser: { name: 'eve' } });
    const none = await call('/simulations/inv-w/commands', {
      body: step,
      type: 'application/json',
    });
    expect(none).toMatchObject({ status: 401, body: { error: 'Unauthorized' } });
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const res = await fetch(`${url}/simulations/inv-w/commands`, {
      method: 'POST',
      headers: { authorization: 'Bearer tt_guess', 'content-type': 'application/json' },
      body: step,
    });
    expect(res.status).toBe(401);
    expect((await call('/simulations')).status).toBe(401);
    expect((await call('/simulations/inv-w/truth/alice')).status).toBe(401);
    expect((await call('/health')).status).toBe(200);
    expect((await call('/openapi.json')).status).toBe(200);
    expect((await call('/schemas/scenario.json')).status).toBe(200);
    expect(await head()).toBe(before);
  });

  it('given a key outside its role or its simulations, then 403 naming why, and nothing is appended', async () => {
    const before = await head();
    const step = JSON.stringify({ createUser: { name: 'eve' } });
    const json = 'application/json';
    const refused = [
      await call('/simulations/inv-w/commands', { key: 'reader', body: step, type: json }),
      await call('/simulations/inv-w', { key: 'writer', method: 'DELETE' }),
      await call('/simulations/inv-w/verify', { key: 'writer' }),
      await call('/simulations/inv-w/bundle', { key: 'reader' }),
      await call('/seals', { key: 'writer', method: 'POST' }),
      await call('/simulations?id=inv-x', { key: 'writer', body: SCENARIO, type: 'text/yaml' }),
      await call('/simulations', { key: 'writer', body: SCENARIO, type: 'text/yaml' }),
      await call('/simulations/inv-x/commands', { key: 'writer', body: step, type: json }),
      await call('/simulations/inv-x/imports', {
        key: 'writer',
        body: '{}\n',
        type: 'application/x-ndjson',
      }),
    ];
    for (const r of refused) expect(r).toMatchObject({ status: 403, body: { error: 'Forbidden' } });
    expect(refused[0].body.message).toBe('the key "ana" is a reader; this needs writer');
    expect(refused[5].body.message).toBe('the key "wes" may not touch simulation "inv-x"');
    expect(await head()).toBe(before);
    // Within its role and simulations the same key works, and lists only what it may see.
    expect(
      (await call('/simulations/inv-w/commands', { key: 'writer', body: step, type: json })).status,
    ).toBe(201);
    expect(
      (await call('/simulations/inv-w/truth/alice?position=1', { key: 'reader' })).status,
    ).toBe(200);
  });

  it('given a request addressed to another host name (DNS rebinding), then 403 before anything else', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${url}/health`, { headers: { host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('given bodies that are not JSON, YAML or NDJSON where each belongs, then 415 and nothing is appended', async () => {
    const before = await head();
    const cases: [string, string, string][] = [
      ['/simulations?id=inv-t', 'text/plain', SCENARIO],
      ['/simulations?id=inv-t', 'application/x-www-form-urlencoded', 'a=1'],
      ['/simulations/inv-w/commands', 'multipart/form-data; boundary=x', '--x--'],
      ['/simulations/inv-w/commands', 'text/yaml', 'createUser: { name: eve }'],
      ['/simulations/inv-w/imports', 'application/json', '{}'],
      ['/simulations/inv-w/imports', 'text/plain', '{}'],
    ];
    for (const [path, type, body] of cases) {
      const r = await call(path, { key: 'admin', body, type });
      expect(r, `${path} ${type}`).toMatchObject({
        status: 415,
        body: { error: 'UnsupportedMediaType' },
      });
    }
    expect(await head()).toBe(before);
  });

  it('given a body over the size limit, a scenario over the step limit or an import over the record limit, then 413 and nothing is appended', async () => {
    const before = await head();
    const big = JSON.stringify({ createUser: { name: 'x'.repeat(9000) } });
    expect(
      await call('/simulations/inv-w/commands', {
        key: 'admin',
        body: big,
        type: 'application/json',
      }),
    ).toMatchObject({ status: 413, body: { error: 'PayloadTooLarge' } });
    const steps = Array.from(
      { length: 13 },
      (_, i) => `  - { at: '09:${String(i).padStart(2, '0')}', createUser: { name: u${i} } }`,
    );
    const long = `scenario: long\nstart: 2026-03-02T08:00:00Z\ndomain: { name: corp.example }\nsteps:\n${steps.join('\n')}\n`;
    const tooLong = await call('/simulations?id=inv-long', {
      key: 'admin',
      body: long,
      type: 'text/yaml',
    });
    expect(tooLong).toMatchObject({ status: 413 });
    expect(tooLong.body.message).toContain('at most 12 steps');
    const lines = '{"a":1}\n{"a":2}\n{"a":3}\n{"a":4}\n';
    const tooMany = await call('/simulations/inv-w/imports', {
      key: 'admin',
      body: lines,
      type: 'application/x-ndjson',
    });
    expect(tooMany).toMatchObject({ status: 413 });
    expect(tooMany.body.message).toContain('at most 3 records');
    expect(await head()).toBe(before);
    expect((await call('/simulations/inv-long', { key: 'admin' })).status).toBe(404);
  });

  it('given excessive nesting or an out-of-range duration, then 422 naming the field, and nothing is appended', async () => {
    const before = await head();
    const deep = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    expect(
      await call('/simulations/inv-w/commands', {
        key: 'admin',
        body: deep,
        type: 'application/json',
      }),
    ).toMatchObject({ status: 422, body: { error: 'TooDeep' } });
    const far = JSON.stringify({ at: '+99999999d', createUser: { name: 'late' } });
    expect(
      await call('/simulations/inv-w/commands', {
        key: 'admin',
        body: far,
        type: 'application/json',
      }),
    ).toMatchObject({ status: 422, body: { field: 'at' } });
    const deepYaml = `scenario: x\nstart: 2026-03-02T08:00:00Z\ndomain: { name: c, groups: ${'['.repeat(200)}${']'.repeat(200)} }\n`;
    expect(
      await call('/simulations?id=inv-deep', { key: 'admin', body: deepYaml, type: 'text/yaml' }),
    ).toMatchObject({ status: 422 });
    expect(await head()).toBe(before);
  });

  it('given an admin, then verify, bundle and seal answer; helmet headers are sent and X-Powered-By is not', async () => {
    const verified = await call('/simulations/inv-w/verify', { key: 'admin' });
    expect(verified).toMatchObject({
      status: 200,
      body: { ok: true, simulation: 'inv-w', head: { position: 18 } },
    });
    const before = await head();
    const sealed = await call('/seals', { key: 'admin', method: 'POST' });
    expect(await head()).toBe(before); // a signed head is not an event of the log
    expect(sealed).toMatchObject({
      status: 201,
      body: { sealed: true, head: { fingerprint: signer.key.fingerprint } },
    });
    const bundle = await call('/simulations/inv-w/bundle', { key: 'admin' });
    expect(bundle).toMatchObject({
      status: 200,
      body: { simulation: 'inv-w', fingerprint: signer.key.fingerprint },
    });
    const after = await call('/simulations/inv-w/verify', { key: 'admin' });
    expect(after.body.streams.find((s: Body) => s.stream === 'sim-inv-w').sealed).toMatchObject({
      revision: 17,
    });
    const health = await call('/health');
    expect(health.headers.get('x-powered-by')).toBeNull();
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('given all of the above, then no key ever appeared in the server’s output', () => {
    const output = logged.join('');
    for (const key of Object.values(KEYS)) expect(output).not.toContain(key);
    expect(output).not.toContain('tt_guess');
  });
});

describe('rate limit over real HTTP', () => {
  let app: INestApplication;
  let url = '';
  const call = client(() => url);

  beforeAll(async () => {
    // An hour's window: the test decides how many requests are made, not how fast they run.
    ({ app, url } = await startHttp(undefined, {
      TOKENTRAIL_RATE_LIMIT: '2',
      TOKENTRAIL_RATE_WINDOW: '3600',
    }));
  });
  afterAll(async () => app?.close());

  it('given a client over its limit, then 429 with Retry-After, and the refused command appends nothing', async () => {
    expect((await call('/simulations?id=r1', { body: SCENARIO, type: 'text/yaml' })).status).toBe(
      201,
    );
    expect((await call('/simulations/r1')).status).toBe(200);
    const before = (await call('/health')).body.lastPosition; // health is not counted
    const step = JSON.stringify({ createUser: { name: 'late' } });
    const refused = await call('/simulations/r1/commands', {
      body: step,
      type: 'application/json',
    });
    expect(refused).toMatchObject({ status: 429, body: { error: 'Throttler' } });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await call('/health')).body.lastPosition).toBe(before);
  });
});
