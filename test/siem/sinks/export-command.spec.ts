import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli';
import { httpStandIn, type Reply } from './http-stand-in';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'tokentrail.js');
const EXAMPLE = join(ROOT, 'examples', 'scenarios', '11-stale-explain-remediate.yaml');
/** Written for the evidence model's test: one lingering-after-removal (test/fixtures/logs). */
const LINGERING = join(ROOT, 'test', 'fixtures', 'logs', 'lingering-after-removal.ndjson');
const TOKEN = 'hec-token-that-must-never-be-printed';

/** The built CLI (`npm run build` first), run without blocking the stand-in in this process. */
function cli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, TOKENTRAIL_STORE: 'embedded', ...env },
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (c) => (out.stdout += c));
  child.stderr.on('data', (c) => (out.stderr += c));
  const done = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (status) => resolve({ status, ...out })),
  );
  return { child, out, done };
}
const exportTo = (args: string[], env: Record<string, string>) =>
  cli(['export', 'inv-7', ...args], env).done;

describe('tokentrail export to a sink', () => {
  const env = {
    TOKENTRAIL_DB: join(mkdtempSync(join(tmpdir(), 'tt-sinks-')), 'log.db'),
    TOKENTRAIL_SPLUNK_TOKEN: TOKEN,
  };
  let standIn: Awaited<ReturnType<typeof httpStandIn>> | undefined;
  beforeAll(() => {
    expect(runCli(['run', EXAMPLE, '--simulation', 'inv-7'], env).status).toBe(0);
  });
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });
  const splunk = async (reply: Reply) => (standIn = await httpStandIn(reply)).url;

  it('given a Splunk HEC that acknowledges, when the export is sent in batches of 10, then it exits 0 with the summary on standard error', async () => {
    const url = await splunk((r) =>
      r.path === '/services/collector/ack'
        ? { status: 200, body: { acks: { 1: true } } }
        : { status: 200, body: { text: 'Success', code: 0, ackId: 1 } },
    );
    const run = await exportTo(['--sink', 'splunk', '--url', url, '--batch-size', '10'], env);
    expect(run.stderr).toBe(`tokentrail: splunk ${url}/: 22 delivered, 0 not delivered\n`);
    expect(run).toMatchObject({ status: 0, stdout: '' });
    const posts = standIn!.received.filter((r) => r.path === '/services/collector/event');
    expect(posts.map((p) => p.body.split('\n').length)).toEqual([10, 10, 2]);
  });

  it('given a Splunk HEC that never answers, when the export is sent, then it exits 1 with one line per reason and the counts, no stack trace, no token', async () => {
    const url = await splunk(() => 'hold');
    const run = await exportTo(
      [
        '--sink',
        'splunk',
        '--url',
        url,
        '--timeout',
        '100',
        '--attempts',
        '1',
        '--batch-size',
        '10',
      ],
      env,
    );
    const timedOut = `splunk ${url}/services/collector/event: no answer within 100 ms (gave up after 1 attempt)`;
    expect(run.stderr.split('\n')).toEqual([
      `tokentrail: splunk ${url}/: 22 not delivered`,
      `tokentrail:   10 not delivered: ${timedOut}`,
      `tokentrail:   12 not delivered: not sent after an earlier failure: ${timedOut}`,
      '',
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it.each([
    [
      ['--sink', 'splunk', '--url', 'http://127.0.0.1:9'],
      { TOKENTRAIL_SPLUNK_TOKEN: '' },
      'token: is required: set TOKENTRAIL_SPLUNK_TOKEN',
    ],
    [
      ['--sink', 'splunk', '--url', 'http://127.0.0.1:9', '--pen', '64000'],
      {},
      'pen: is not an option of the splunk sink',
    ],
    [
      ['--syslog', 'udp://127.0.0.1:9', '--pen', '32473'],
      {},
      'pen: 32473 is reserved for documentation (RFC 5612)',
    ],
    [['--format', 'syslog', '--pen', '32473'], {}, 'pen: 32473 is reserved for documentation'],
    [['--format', 'ecs', '--pen', '64000'], {}, 'pen: goes with --format syslog'],
    [
      ['--syslog', 'udp://127.0.0.1:9', '--format', 'cef'],
      {},
      'format: the syslog sink sends syslog, not cef',
    ],
    [
      ['--sink', 'webhook', '--url', 'http://user:pw@127.0.0.1:9/'],
      {},
      'url: must not hold credentials',
    ],
  ])(
    'given %j, then it exits 2 with one line saying what is wrong',
    async (args, extra, message) => {
      const run = await exportTo(args, { ...env, ...extra });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(`^tokentrail: ${message.replace(/[()]/g, '\\$&')}.*\\n$`),
      );
    },
  );

  it('given --follow to a webhook, when findings are imported and then Ctrl-C comes, then each was posted and the summary counts them all', async () => {
    standIn = await httpStandIn(() => ({ status: 200 }));
    const follower = cli(
      ['export', 'inv-7', '--webhook', `${standIn.url}/hook`, '--findings-only', '--follow'],
      env,
    );
    await expect
      .poll(() => follower.out.stderr, { timeout: 15_000 })
      .toContain('following new findings');
    const stale = standIn.received.length;
    const imported = await cli(['import', LINGERING, '--simulation', 'inv-7', '--json'], env).done;
    const summary = JSON.parse(imported.stdout) as { findings: Record<string, number> };
    const divergences = Object.values(summary.findings).reduce((a, b) => a + b, 0);
    expect(divergences).toBe(1);
    await expect
      .poll(() => standIn!.received.length, { timeout: 15_000 })
      .toBe(stale + divergences);
    follower.child.kill('SIGINT');
    const run = await follower.done;
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      `tokentrail: webhook ${standIn.url}/hook: ${stale + divergences} delivered, 0 not delivered\n`,
    );
    const live = standIn.received.slice(stale).map((r) => JSON.parse(r.body));
    expect(
      live.every(
        (d) => d.event.kind === 'alert' && d.tokentrail.finding === 'lingering-after-removal',
      ),
    ).toBe(true);
  });
});
