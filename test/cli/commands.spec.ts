import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';
import { OTRF_BACKDOOR as OTRF } from '../support/checkout';

const EXAMPLE = join(
  __dirname,
  '..',
  '..',
  'examples',
  'scenarios',
  '11-stale-explain-remediate.yaml',
);

describe('tokentrail query, replay, import and export', () => {
  const env = { TOKENTRAIL_DB: join(mkdtempSync(join(tmpdir(), 'tt-cmd-')), 'log.db') };
  beforeAll(() => {
    expect(runCli(['run', EXAMPLE, '--simulation', 'inv-7'], env).status).toBe(0);
  });

  it('query answers one question as of a time or a position, naming a principal by name or SID', () => {
    const byName = runCli(
      ['query', 'inv-7', 'truth', 'alice', '--at', '2026-03-02T09:30:00Z', '--json'],
      env,
    );
    expect(byName.status).toBe(0);
    const answer = JSON.parse(byName.stdout);
    expect(answer).toMatchObject({
      simulation: 'inv-7',
      kind: 'truth',
      groups: ['Domain Users'],
      at: '2026-03-02T09:30:00.000Z',
    });
    const sid = answer.sids[0];
    const bySid = JSON.parse(
      runCli(['query', 'inv-7', 'truth', sid, '--position', '6', '--json'], env).stdout,
    );
    expect(bySid).toMatchObject({ position: 6, groups: ['Domain Users', 'Finance'] });
    const smb = JSON.parse(
      runCli(
        [
          'query',
          'inv-7',
          'smbSession',
          '--session',
          's1',
          '--server',
          'FS1',
          '--at',
          '2026-03-02T09:12:00Z',
          '--json',
        ],
        env,
      ).stdout,
    );
    expect(smb.groups).toContain('Finance');
    const fix = JSON.parse(
      runCli(
        [
          'query',
          'inv-7',
          'remediate',
          'alice',
          '--server',
          'FS1',
          '--service',
          'smb',
          '--auth',
          'kerberos',
          '--at',
          '2026-03-02T09:12:00Z',
          '--json',
        ],
        env,
      ).stdout,
    );
    expect(fix.items.map((i: { action: string }) => i.action)).toEqual(['purge', 'wait']);
  });

  it('query refuses unknown simulations, kinds and arguments with exit 2 and one line', () => {
    for (const args of [
      ['query', 'nope', 'truth', 'alice', '--at', '2026-03-02T09:30:00Z'],
      ['query', 'inv-7', 'colour', 'alice', '--at', '2026-03-02T09:30:00Z'],
      ['query', 'inv-7', 'truth', 'alice'],
      ['query', 'inv-7', 'token', '--server', 'FS1', '--at', '2026-03-02T09:30:00Z'],
    ]) {
      const r = runCli(args, env);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('replay prints the births and ends of artifacts in time order, up to --until', () => {
    const r = runCli(['replay', 'inv-7', '--until', '2026-03-02T09:06:00Z'], env);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(
      lines.some((l) => l.includes('+ smb-session s1/limited/FS1 (alice) Domain Users, Finance')),
    ).toBe(true);
    expect(lines.map((l) => l.slice(0, 24))).toEqual([...lines.map((l) => l.slice(0, 24))].sort());
    expect(lines.every((l) => l <= '2026-03-02T09:06:00.000Z~')).toBe(true);
  });

  it.skipIf(!existsSync(OTRF))(
    'import reports progress and a summary; export writes CEF findings',
    () => {
      const imported = runCli(['import', OTRF, '--simulation', 'otrf', '--json'], env);
      expect(imported.status).toBe(0);
      expect(imported.stderr).toMatch(
        /read 99, imported 99, skipped 0, malformed 0, \d+ records\/s/,
      );
      expect(imported.stderr).toContain(
        'otrf, 99 records, 0 malformed, local times read at -04:00 (inferred)',
      );
      // pgustavo's standing groups are baseline facts (held since before the log), not findings.
      expect(JSON.parse(imported.stdout)).toMatchObject({
        read: 99,
        imported: 99,
        baselineFacts: 5,
      });
      const cef = runCli(['export', 'otrf', '--format', 'cef', '--findings-only'], env);
      expect(cef.stdout.trim()).toBe('');
      expect(runCli(['export', 'otrf', '--format', 'xml'], env)).toMatchObject({ status: 2 });
      expect(runCli(['import', '/nonexistent.jsonl', '--simulation', 'x'], env)).toMatchObject({
        status: 2,
      });
    },
  );
});

describe('tokentrail list and delete', () => {
  const env = { TOKENTRAIL_DB: join(mkdtempSync(join(tmpdir(), 'tt-del-')), 'log.db') };

  it('given a simulation, then list shows it complete; delete removes it, the id is not used again, and list no longer shows it', () => {
    expect(runCli(['run', EXAMPLE, '--simulation', 'gone'], env).status).toBe(0);
    expect(runCli(['run', EXAMPLE, '--simulation', 'kept'], env).status).toBe(0);
    const listed = () =>
      JSON.parse(runCli(['list', '--json'], env).stdout) as { id: string; status: string }[];
    expect(listed().map((s) => [s.id, s.status])).toEqual([
      ['gone', 'complete'],
      ['kept', 'complete'],
    ]);
    const deleted = runCli(['delete', 'gone'], env);
    expect(deleted.status).toBe(0);
    expect(deleted.stdout).toMatch(/^deleted gone \(\d+ events\)/);
    expect(listed().map((s) => s.id)).toEqual(['kept']);
    const query = runCli(['query', 'gone', 'truth', 'alice', '--at', '2026-03-02T09:30:00Z'], env);
    expect(query).toMatchObject({ status: 2 });
    expect(query.stderr).toContain('unknown simulation "gone"');
    const again = runCli(['run', EXAMPLE, '--simulation', 'gone'], env);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('was deleted; its name cannot be used again');
    expect(runCli(['delete', 'gone'], env).status).toBe(2);
    const verify = runCli(['verify'], env);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/^simulation kept {2}head \d+:[0-9a-f]{64}/m);
    // The deleted simulation is explained by its recorded deletion, not reported as tampering.
    expect(verify.stdout).toMatch(/^simulation gone {2}deleted at /m);
  });
});
