import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../apps/api/src/api-keys';
import { signingKeyFile } from '../support/evidence-store';
import { STALE_EXAMPLE } from '../support/examples';
import { freePort } from '../support/local-process';
import { startHttp } from '../support/test-http';
import { runCliAsync } from './run-cli';

const READER = 'tt_cli_reader_key_000000000000000000000000';
const ADMIN = 'tt_cli_admin_key_1111111111111111111111111';

describe('the CLI talking to a server with --api-url and TOKENTRAIL_API_KEY', () => {
  let app: INestApplication;
  let url = '';
  const signer = signingKeyFile();
  const as = (key?: string) => ({
    TOKENTRAIL_API_URL: url,
    // A store path that does not exist: the CLI must not open one when it talks to a server.
    TOKENTRAIL_DB: join(mkdtempSync(join(tmpdir(), 'tt-none-')), 'none.db'),
    ...(key ? { TOKENTRAIL_API_KEY: key } : {}),
  });

  beforeAll(async () => {
    ({ app, url } = await startHttp(undefined, {
      TOKENTRAIL_API_KEYS: JSON.stringify({
        keys: [
          { id: 'ana', role: 'reader', sha256: hashApiKey(READER) },
          { id: 'root', role: 'admin', sha256: hashApiKey(ADMIN) },
        ],
      }),
      TOKENTRAIL_SIGNING_KEY: signer.file,
    }));
  });
  afterAll(async () => app?.close());

  it('given no key, then one line naming the 401 and exit 2', async () => {
    const r = await runCliAsync(['list'], as());
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      `tokentrail: ${url} answered 401 Unauthorized: an API key is required: Authorization: Bearer <key>`,
    );
  });

  it('given keys, then run, list, query, export, verify, seal and delete go through the server within each role', async () => {
    const run = await runCliAsync(['run', STALE_EXAMPLE, '--simulation', 'inv-s'], as(ADMIN));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\d+ passed, 0 failed/);
    expect((await runCliAsync(['list'], as(READER))).stdout).toMatch(
      /^inv-s {2}complete {2}17 events/m,
    );
    const query = await runCliAsync(
      ['query', 'inv-s', 'truth', 'alice', '--at', '2026-03-02T09:09:00Z', '--json'],
      as(READER),
    );
    expect(JSON.parse(query.stdout)).toMatchObject({ groups: ['Domain Users', 'Finance'] });
    const cef = await runCliAsync(['export', 'inv-s', '--format', 'cef'], as(READER));
    expect(cef.stdout.trim().split('\n').length).toBeGreaterThan(10);
    const denied = await runCliAsync(['delete', 'inv-s'], as(READER));
    expect(denied.status).toBe(2);
    expect(denied.stderr.trim()).toBe(
      `tokentrail: ${url} answered 403 Forbidden: the key "ana" is a reader; this needs admin`,
    );
    expect((await runCliAsync(['seal'], as(ADMIN))).stdout).toMatch(/^sealed /);
    const verified = await runCliAsync(['verify', 'inv-s'], as(ADMIN));
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(
      /^simulation inv-s {2}head 17:[0-9a-f]{64} {2}\(17 events; signed/m,
    );
    const bundle = join(mkdtempSync(join(tmpdir(), 'tt-remote-')), 'inv-s.json');
    expect((await runCliAsync(['export', 'inv-s', '--bundle', bundle], as(ADMIN))).status).toBe(0);
    expect(JSON.parse(readFileSync(bundle, 'utf8'))).toMatchObject({ simulation: 'inv-s' });
    const offline = await runCliAsync([
      'verify',
      '--bundle',
      bundle,
      '--fingerprint',
      signer.key.fingerprint,
    ]);
    expect(offline.status).toBe(0);
    expect((await runCliAsync(['delete', 'inv-s'], as(ADMIN))).stdout).toMatch(
      /^deleted inv-s \(17 events\)/,
    );
  });

  it('given a server that is not there, then one line and exit 4 (store unavailable)', async () => {
    const port = await freePort();
    const r = await runCliAsync(['list', '--api-url', `http://127.0.0.1:${port}`], {});
    expect(r.status).toBe(4);
    expect(r.stderr.trim()).toBe(`tokentrail: cannot reach http://127.0.0.1:${port}: ECONNREFUSED`);
  });
});
