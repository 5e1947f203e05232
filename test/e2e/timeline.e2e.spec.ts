import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../apps/api/src/api-keys';
import { staleExampleText } from '../support/examples';
import { startApi } from '../support/api-process';
import { readReply, startHttp, type Body } from '../support/test-http';

const READER = 'tt_reader_key_for_timeline_tests_000000000';
const WRITER = 'tt_writer_key_for_timeline_tests_111111111';
const KEYS = JSON.stringify({
  keys: [
    { id: 'ana', role: 'reader', sha256: hashApiKey(READER), simulations: ['inv-7'] },
    { id: 'wes', role: 'writer', sha256: hashApiKey(WRITER) },
  ],
});

async function fetchBody(url: string, key?: string) {
  const res = await fetch(url, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
    redirect: 'manual',
  });
  return readReply(res);
}

describe('the timeline routes and the page over real HTTP (keys configured)', () => {
  let app: INestApplication;
  let url = '';
  const get = (path: string, key?: string) => fetchBody(url + path, key);

  beforeAll(async () => {
    ({ app, url } = await startHttp(undefined, { TOKENTRAIL_API_KEYS: KEYS }));
    const run = await fetch(`${url}/simulations?id=inv-7`, {
      method: 'POST',
      headers: { authorization: `Bearer ${WRITER}`, 'content-type': 'text/yaml' },
      body: staleExampleText(),
    });
    expect(run.status).toBe(201);
  });
  afterAll(async () => app?.close());

  it('given a reader key, then the timeline of a principal by name has the SMB session stale from the removal, lingering Finance', async () => {
    const res = await get('/simulations/inv-7/timeline?principal=alice', READER);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ simulation: 'inv-7', kind: 'timeline', status: 'complete' });
    const smb = res.body.lanes.find((l: Body) => l.kind === 'smb-session');
    expect(smb).toMatchObject({
      id: 's1/limited/FS1',
      explain: { session: 's1', server: 'FS1', of: 'smbSession' },
      stale: [{ from: '2026-03-02T09:10:00.000Z', lingering: ['Finance'], missing: [] }],
    });
    const principals = await get('/simulations/inv-7/principals', READER);
    expect(principals.body.items[0]).toMatchObject({ name: 'alice', kind: 'user' });
    const lineage = await get(
      `/simulations/inv-7/lineage/${encodeURIComponent(smb.sourceEvent)}`,
      READER,
    );
    expect(lineage.body.items.map((i: Body) => i.type)).toEqual([
      'MemberAdded',
      'TgtIssued',
      'ServiceTicketIssued',
      'SmbSessionOpened',
    ]);
  });

  it('given no key, a key for other simulations, a missing principal or an unknown event, then 401, 403 and 422 naming the field', async () => {
    expect((await get('/simulations/inv-7/timeline?principal=alice')).status).toBe(401);
    expect((await get('/simulations/other/timeline?principal=alice', READER)).status).toBe(403);
    expect((await get('/simulations/inv-7/timeline', READER)).body).toMatchObject({
      statusCode: 422,
      field: 'principal',
    });
    expect((await get('/simulations/inv-7/timeline?principal=nobody', READER)).body).toMatchObject({
      statusCode: 422,
      error: 'UnknownPrincipal',
    });
    expect((await get('/simulations/inv-7/lineage/not-an-event', READER)).body).toMatchObject({
      statusCode: 422,
      field: 'event',
    });
  });
});

// The page's files are served by ServeStaticModule, which a testing module does not start (it
// needs the HTTP adapter before the modules initialise): this asks the API as `npm start` runs it.
describe('the page as the API process serves it (keys configured)', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  const get = (path: string, key?: string) => fetchBody(api.url + path, key);
  beforeAll(async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'tt-ui-')), 'tokentrail.db');
    api = await startApi({ TOKENTRAIL_DB: db, TOKENTRAIL_API_KEYS: KEYS });
  });
  afterAll(() => api?.child.kill('SIGTERM'));

  it('given keys, then / leads to /ui and the page itself needs none (its data does)', async () => {
    const root = await get('/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/ui/');
    const page = await get('/ui/');
    expect(page.status).toBe(200);
    expect(page.body.text).toContain('<div id="app">');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = /src="(\/ui\/assets\/[^"]+\.js)"/.exec(page.body.text as string)?.[1];
    expect((await get(script ?? '/ui/missing.js')).status).toBe(200);
    expect((await get('/simulations')).status).toBe(401);
  });
});
