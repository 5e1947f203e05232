import type { INestApplication } from '@nestjs/common';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signingKeyFile } from '../support/evidence-store';
import { staleExampleText, winlogbeatImportText } from '../support/examples';
import { keyring } from '../support/keyring';
import { responseChecker, type OpenApi } from '../support/openapi-check';
import { startHttp } from '../support/test-http';

const keys = keyring({ root: 'admin', ana: 'reader' });
const ADMIN = keys.key.root;
const READER = keys.key.ana;
const KEYS = keys.json;
const IMPORT = winlogbeatImportText();
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const AT = 'at=2026-03-02T09:12:00Z';

describe('the OpenAPI document (/openapi.json)', () => {
  let app: INestApplication;
  let url = '';
  let doc: OpenApi;
  const operations = () =>
    Object.entries(doc.paths as OpenApi).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] })),
    );

  beforeAll(async () => {
    ({ app, url } = await startHttp(undefined, {
      TOKENTRAIL_API_KEYS: KEYS,
      TOKENTRAIL_SIGNING_KEY: signingKeyFile().file,
    }));
    doc = (await (await fetch(`${url}/openapi.json`)).json()) as OpenApi;
  });
  afterAll(async () => app?.close());

  it('given the served document, then @apidevtools/swagger-parser validates it and Redocly’s recommended rules report no error and no warning', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    const { createConfig, lintFromString } = await import('@redocly/openapi-core');
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      config: await createConfig({ extends: ['recommended'] }),
    });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });

  it('given every operation, then it has a summary, a 2xx answer with a media type and a schema, and 4xx answers whose body is the error schema', () => {
    expect(operations().length).toBeGreaterThanOrEqual(24);
    for (const { path, method, op } of operations()) {
      const where = `${method} ${path}`;
      expect(op.summary, where).toEqual(expect.any(String));
      const statuses = Object.keys(op.responses as object);
      const ok = statuses.filter((s) => s.startsWith('2'));
      expect(ok, where).not.toEqual([]);
      for (const s of ok)
        for (const media of Object.values(op.responses[s].content as OpenApi))
          expect(media.schema, `${where} ${s}`).toBeDefined();
      const refusals = statuses.filter((s) => s.startsWith('4'));
      expect(refusals, where).not.toEqual([]);
      for (const s of refusals)
        expect(op.responses[s].content['application/json'].schema, `${where} ${s}`).toEqual({
          $ref: '#/components/schemas/Error',
        });
    }
  });

  it('given the bodies that are not JSON, then the document names their real media types', () => {
    const op = (path: string, method = 'get') => doc.paths[path][method];
    const types = (content: object) => Object.keys(content).sort();
    expect(types(op('/simulations', 'post').requestBody.content)).toEqual([
      'application/json',
      'application/yaml',
      'text/yaml',
    ]);
    expect(types(op('/simulations/{id}/imports', 'post').requestBody.content)).toEqual([
      'application/x-ndjson',
    ]);
    expect(types(op('/simulations/{id}/events/stream').responses['200'].content)).toEqual([
      'text/event-stream',
    ]);
    expect(types(op('/simulations/{id}/export').responses['200'].content)).toEqual([
      'application/x-ndjson',
      'text/plain',
    ]);
    expect(types(op('/metrics').responses['200'].content)).toEqual(['text/plain']);
  });

  it('given a server with keys, then each operation the document calls public answers without a key, and each other one says 401 without one', async () => {
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const concrete = (path: string) => path.replace('{id}', 'nope').replace('{principal}', 'alice');
    const publicPaths: string[] = [];
    for (const { path, method, op } of operations()) {
      const res = await fetch(url + concrete(path), {
        method: method.toUpperCase(),
        headers:
          method === 'get' || method === 'delete' ? {} : { 'content-type': 'application/json' },
        body: method === 'get' || method === 'delete' ? undefined : '{}',
      });
      await res.arrayBuffer();
      if ((op.security as unknown[]).length === 0) {
        publicPaths.push(path);
        expect(res.status, `${method} ${path}`).not.toBe(401);
      } else {
        expect(op.security, `${method} ${path}`).toEqual([{ apiKey: [] }]);
        expect(res.status, `${method} ${path}`).toBe(401);
      }
    }
    expect(publicPaths.sort()).toEqual([
      '/health',
      '/health/live',
      '/health/ready',
      '/schemas/scenario.json',
    ]);
  });

  it('given a scenario, a command, every question, an import, the evidence routes and refusals over HTTP, then each JSON answer matches the schema the document gives for its status', async () => {
    const check = responseChecker(doc);
    const problems: string[] = [];
    const call = async (
      method: string,
      template: string,
      path: string,
      init: { body?: string; type?: string; key?: string } = {},
    ) => {
      const res = await fetch(url + path, {
        method: method.toUpperCase(),
        headers: {
          authorization: `Bearer ${init.key ?? ADMIN}`,
          ...(init.type ? { 'content-type': init.type } : {}),
        },
        body: init.body,
      });
      const body: unknown = await res.json();
      problems.push(...check(method, template, res.status, body));
      return { status: res.status, body };
    };
    const sim = '/simulations/inv';
    const answered = [
      await call('post', '/simulations', '/simulations?id=inv', {
        body: staleExampleText(),
        type: 'text/yaml',
      }),
      await call('get', '/health', '/health'),
      await call('get', '/health/live', '/health/live'),
      await call('get', '/health/ready', '/health/ready'),
      await call('get', '/simulations', '/simulations'),
      await call('get', '/simulations/{id}', sim),
      await call('post', '/simulations/{id}/commands', `${sim}/commands`, {
        body: JSON.stringify({ at: '2026-03-02T09:20:00Z', logoff: { session: 's1' } }),
        type: 'application/json',
      }),
      await call('get', '/simulations/{id}/truth/{principal}', `${sim}/truth/alice?${AT}`),
      await call(
        'get',
        '/simulations/{id}/truth/{principal}/history',
        `${sim}/truth/alice/history`,
      ),
      await call('get', '/simulations/{id}/tokens', `${sim}/tokens?session=s1&${AT}`),
      await call('get', '/simulations/{id}/tickets', `${sim}/tickets?session=s1&${AT}`),
      await call(
        'get',
        '/simulations/{id}/logon-cache',
        `${sim}/logon-cache?machine=WS1&user=alice&${AT}`,
      ),
      await call(
        'get',
        '/simulations/{id}/basic-cache',
        `${sim}/basic-cache?server=FS1&user=alice&${AT}`,
      ),
      await call(
        'get',
        '/simulations/{id}/smb-sessions',
        `${sim}/smb-sessions?session=s1&server=FS1&${AT}`,
      ),
      await call('get', '/simulations/{id}/stale', `${sim}/stale?${AT}`),
      await call('get', '/simulations/{id}/explain', `${sim}/explain?access=share&${AT}`),
      await call(
        'get',
        '/simulations/{id}/remediate',
        `${sim}/remediate?principal=alice&session=s1&${AT}`,
      ),
      await call('get', '/simulations/{id}/artifacts', `${sim}/artifacts?${AT}`),
      await call('get', '/simulations/{id}/events', `${sim}/events?limit=3`),
      await call('post', '/simulations/{id}/imports', '/simulations/imp/imports', {
        body: IMPORT,
        type: 'application/x-ndjson',
      }),
      await call('get', '/simulations/{id}/verify', `${sim}/verify`),
      await call('get', '/simulations/{id}/bundle', `${sim}/bundle`),
      await call('post', '/seals', '/seals'),
      await call('delete', '/simulations/{id}', '/simulations/imp'),
    ];
    // The page's routes: a principal's timeline, the picker, and a lineage from a source event.
    const timeline = await call(
      'get',
      '/simulations/{id}/timeline',
      `${sim}/timeline?principal=alice`,
    );
    const source = (timeline.body as { lanes: Array<{ sourceEvent: string }> }).lanes[0]
      .sourceEvent;
    const page = [
      timeline,
      await call('get', '/simulations/{id}/principals', `${sim}/principals`),
      await call('get', '/simulations/{id}/lineage/{event}', `${sim}/lineage/${source}`),
    ];
    expect(page.map((a) => a.status)).toEqual([200, 200, 200]);
    const refused = [
      await call('get', '/simulations/{id}', '/simulations/ghost'),
      await call('post', '/simulations', '/simulations?id=imp', {
        body: staleExampleText(),
        type: 'text/yaml',
      }),
      await call('get', '/simulations/{id}/truth/{principal}', `${sim}/truth/alice?at=yesterday`),
      await call('post', '/simulations', '/simulations?id=inv', {
        body: staleExampleText(),
        type: 'text/yaml',
      }),
      await call('post', '/simulations/{id}/commands', `${sim}/commands`, {
        body: 'logoff',
        type: 'text/plain',
      }),
      await call('delete', '/simulations/{id}', sim, { key: READER }),
      await call('get', '/simulations', '/simulations', { key: 'tt_unknown' }),
    ];
    expect(answered.map((a) => a.status)).toEqual([
      201, 200, 200, 200, 200, 200, 201, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
      201, 200, 200, 201, 200,
    ]);
    expect(refused.map((r) => r.status)).toEqual([404, 410, 422, 409, 415, 403, 401]);
    expect(problems).toEqual([]);
  });
});
