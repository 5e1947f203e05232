import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleExampleText } from '../support/examples';
import { freePort, until } from '../support/local-process';

const MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');
const SCENARIO = staleExampleText();
const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill('SIGKILL')));

/** The built API as `npm start` runs it; its exit and its output, whenever it ends. */
function server(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, TOKENTRAIL_STORE: 'embedded', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, output })),
  );
  return { child, exited };
}

const dir = () => mkdtempSync(join(tmpdir(), 'tt-proc-'));

describe('the API process', () => {
  it('given a non-loopback address and no keys, then it refuses to start, saying why, with exit status 1', async () => {
    const { exited } = server({ HOST: '0.0.0.0', PORT: '0', TOKENTRAIL_DB: join(dir(), 'l.db') });
    const { code, output } = await exited;
    expect(code).toBe(1);
    expect(output.trim()).toBe(
      'tokentrail: HOST=0.0.0.0 is not a loopback address and no API keys are configured: refusing to serve investigations to the network without access control (set TOKENTRAIL_API_KEYS_FILE, or listen on 127.0.0.1)',
    );
  });

  it('given a store path that is a folder, an empty file or not SQLite, a bad limit, port or setting, then one line naming it and exit status 1', async () => {
    const where = dir();
    mkdirSync(join(where, 'folder.db'));
    writeFileSync(join(where, 'empty.db'), '');
    writeFileSync(join(where, 'text.db'), 'hello\n');
    const cases: [Record<string, string>, RegExp][] = [
      [{ TOKENTRAIL_DB: join(where, 'folder.db') }, /folder\.db is a directory/],
      [{ TOKENTRAIL_DB: join(where, 'empty.db') }, /empty\.db is empty \(0 bytes\)/],
      [{ TOKENTRAIL_DB: join(where, 'text.db') }, /text\.db is not a SQLite file/],
      [{ TOKENTRAIL_MAX_BODY: '5tb' }, /^tokentrail: TOKENTRAIL_MAX_BODY must be a size/],
      [{ PORT: 'abc' }, /^tokentrail: PORT must be a port number from 0 to 65535 \(got "abc"\)/],
      [{ TOKENTRAIL_PROJECTOR: 'sideways' }, /^tokentrail: TOKENTRAIL_PROJECTOR must be one of/],
      [{ TOKENTRAIL_TRACING: 'yes' }, /^tokentrail: TOKENTRAIL_TRACING must be one of on, off/],
      [
        { TOKENTRAIL_API_KEYS: '{"keys":[{"id":"a","role":"root","sha256":"x"}]}' },
        /TOKENTRAIL_API_KEYS: keys\.0\.role/,
      ],
    ];
    for (const [env, message] of cases) {
      const { code, output } = await server({
        PORT: '0',
        TOKENTRAIL_DB: join(where, 'ok.db'),
        ...env,
      }).exited;
      expect(code, JSON.stringify(env)).toBe(1);
      expect(output.trim().split('\n'), output).toHaveLength(1);
      expect(output).toMatch(message);
    }
  });

  it('given an SSE client connected, when SIGTERM arrives, then its stream ends and the process exits 0', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const { child, exited } = server({ PORT: String(port), TOKENTRAIL_DB: join(dir(), 'l.db') });
    await until(
      () => fetch(`${url}/health`),
      (r) => r.ok,
    );
    const run = await fetch(`${url}/simulations?id=s`, {
      method: 'POST',
      headers: { 'content-type': 'text/yaml' },
      body: SCENARIO,
    });
    expect(run.status).toBe(201);
    const stream = await fetch(`${url}/simulations/s/events/stream`);
    const reader = stream.body!.getReader();
    let text = '';
    while (!text.includes('"position":17,'))
      text += new TextDecoder().decode((await reader.read()).value);
    child.kill('SIGTERM');
    // The stream ends (done) instead of waiting for this client to leave.
    for (;;) if ((await reader.read()).done) break;
    const { code, output } = await exited;
    expect(code).toBe(0);
    expect(output).toContain('tokentrail API stopping (SIGTERM)');
  });

  it('given EventStoreDB unreachable, then health answers 503 naming the store, not 500', async () => {
    const port = await freePort();
    const closed = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server({
      PORT: String(port),
      TOKENTRAIL_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: `esdb://127.0.0.1:${closed}?tls=false`,
      TOKENTRAIL_READ_DB: join(dir(), 'read.db'),
    });
    const res = await until(
      () => fetch(`${url}/health`),
      () => true,
    );
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      status: 'unavailable',
      store: 'eventstoredb',
      message: expect.stringContaining('the eventstoredb store does not answer'),
    });
  });
});
