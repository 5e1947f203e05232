import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/local-process';
import { STALE_EXAMPLE } from '../support/examples';
import { runCli } from './run-cli';

const EXAMPLE = STALE_EXAMPLE;
const oneLine = (text: string) => expect(text.trim().split('\n'), text).toHaveLength(1);

/** A small file system of its own (root mounts tmpfs here; elsewhere these tests are skipped). */
function tmpfs(size: string): string | null {
  const where = mkdtempSync(join(tmpdir(), 'tt-fs-'));
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', where]).status === 0;
  return ok ? where : null;
}
const mounted: string[] = [];
afterAll(() => mounted.forEach((m) => spawnSync('umount', ['-l', m])));
const canMount = (() => {
  const probe = tmpfs('64k');
  if (probe) spawnSync('umount', [probe]);
  return probe !== null;
})();

/** A scenario long enough to fill a small disk. */
function longScenario(steps: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tt-long-')), 'long.yaml');
  const lines = Array.from(
    { length: steps },
    (_, i) => `  - { at: '+1s', createUser: { name: user-with-a-long-name-${i}, } }`,
  );
  writeFileSync(
    file,
    `scenario: long\nstart: 2026-03-02T08:00:00Z\ndomain: { name: corp.example }\nsteps:\n${lines.join('\n')}\n`,
  );
  return file;
}

describe('faults of the store and of sinks: one line each, never a stack trace', () => {
  it.skipIf(!canMount)('given a disk that fills during a run, then one line saying so', () => {
    const disk = tmpfs('256k') as string;
    mounted.push(disk);
    const env = {
      TOKENTRAIL_DB: join(disk, 'log.db'),
      TOKENTRAIL_READ_DB: join(mkdtempSync(join(tmpdir(), 'tt-read-')), 'read.db'),
    };
    const result = runCli(['run', longScenario(3000), '--simulation', 'full'], env);
    expect(result.status).toBe(4); // the store is unavailable
    oneLine(result.stderr.replace(/^\d+\/\d+ commands\n/gm, ''));
    expect(result.stderr).toContain(
      'tokentrail: the store’s disk is full: the write that failed stored nothing',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(!canMount)('given a store on a read-only file system, then one line saying so', () => {
    const disk = tmpfs('4m') as string;
    mounted.push(disk);
    const env = {
      TOKENTRAIL_DB: join(disk, 'log.db'),
      TOKENTRAIL_READ_DB: join(mkdtempSync(join(tmpdir(), 'tt-read-')), 'read.db'),
    };
    expect(runCli(['run', EXAMPLE, '--simulation', 'a'], env).status).toBe(0);
    expect(spawnSync('mount', ['-o', 'remount,ro', disk]).status).toBe(0);
    const result = runCli(['run', EXAMPLE, '--simulation', 'b'], env);
    expect(result.status).not.toBe(0);
    oneLine(result.stderr);
    expect(result.stderr).toMatch(/^tokentrail: .*(read-only|readonly)/);
    // Reading it still works: verify opens read-only.
    const verified = runCli(['verify'], env);
    expect(verified.status).toBe(0);
  });

  it('given a syslog collector or a webhook that is not there, then one line each and exit status 1', async () => {
    const env = { TOKENTRAIL_DB: join(mkdtempSync(join(tmpdir(), 'tt-sink-')), 'log.db') };
    expect(runCli(['run', EXAMPLE, '--simulation', 's'], env).status).toBe(0);
    const port = await freePort();
    for (const sink of [
      `--syslog=tcp://127.0.0.1:${port}`,
      `--webhook=http://127.0.0.1:${port}/in`,
    ]) {
      const result = runCli(['export', 's', sink, '--attempts', '1', '--timeout', '2000'], env);
      expect(result.status, sink).toBe(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      for (const line of result.stderr.trim().split('\n')) expect(line).toMatch(/^tokentrail: /);
      expect(result.stderr).toContain('not delivered');
    }
  });
});
