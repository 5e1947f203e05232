import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const EXAMPLE = join(
  __dirname,
  '..',
  '..',
  'examples',
  'scenarios',
  '11-stale-explain-remediate.yaml',
);
const ANSI = /\x1b\[[0-9;]*m/; // eslint-disable-line no-control-regex

describe('the CLI for people: chains, tables, steps; plain for scripts', () => {
  const env = { TOKENTRAIL_DB: join(mkdtempSync(join(tmpdir(), 'tt-out-')), 'log.db') };
  beforeAll(() => {
    expect(runCli(['run', EXAMPLE, '--simulation', 'inv'], env).status).toBe(0);
  });
  const at = ['--at', '2026-03-02T09:12:00Z'];

  it('given explain, then the lineage is an indented chain, oldest first', () => {
    const r = runCli(['query', 'inv', 'explain', '--session', 's1', '--server', 'FS1', ...at], env);
    expect(r.status).toBe(0);
    const chain = r.stdout.split('\n').filter((l) => /^\s*(└─ )?[A-Z]\w+ 20\d\d-/.test(l));
    expect(chain[0]).toMatch(/^MemberAdded .* alice → Finance/);
    expect(chain.slice(1).every((l) => l.includes('└─ '))).toBe(true);
    expect(chain[chain.length - 1]).toMatch(/SmbSessionOpened .* copied Domain Users, Finance/);
  });

  it('given stale, then a table with what lingers per artifact', () => {
    const r = runCli(['query', 'inv', 'stale', ...at], env);
    expect(r.stdout).toMatch(/^kind\s+id\s+principal\s+machine\s+lingering\s+missing\s+since/m);
    expect(r.stdout).toMatch(/^smb-session\s+s1\/limited\/FS1\s+alice\s+FS1\s+Finance\s/m);
  });

  it('given remediate, then numbered steps, each with why', () => {
    const r = runCli(
      [
        'query',
        'inv',
        'remediate',
        'alice',
        '--server',
        'FS1',
        '--service',
        'smb',
        '--auth',
        'kerberos',
        ...at,
      ],
      env,
    );
    expect(r.stdout).toMatch(/^1\. purge session s1, elevated false \(.+\)$/m);
    expect(r.stdout).toMatch(/^2\. wait until 2026-03-02T09:15:00\.000Z \(.+\)$/m);
  });

  it('given a pipe, then no colour; FORCE_COLOR=1 colours and NO_COLOR wins', () => {
    expect(runCli(['query', 'inv', 'stale', ...at], env).stdout).not.toMatch(ANSI);
    expect(runCli(['query', 'inv', 'stale', ...at], { ...env, FORCE_COLOR: '1' }).stdout).toMatch(
      ANSI,
    );
    const both = { ...env, FORCE_COLOR: '1', NO_COLOR: '1' };
    expect(runCli(['query', 'inv', 'stale', ...at], both).stdout).not.toMatch(ANSI);
  });

  it('given replay --json, then each artifact with kind, id, principal, groups, from, to and cause', () => {
    const r = runCli(['replay', 'inv', '--json'], env);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { artifacts: Record<string, unknown>[] };
    const smb = out.artifacts.find((a) => a.kind === 'smb-session');
    expect(smb).toMatchObject({
      id: 's1/limited/FS1',
      principal: 'alice',
      groups: ['Domain Users', 'Finance'],
      from: '2026-03-02T09:05:00.000Z',
      cause: { type: 'SmbSessionOpened' },
    });
    expect(out.artifacts.every((a) => 'to' in a && 'end' in a)).toBe(true);
  });

  it('given replay --format csv, then a header and one row per artifact interval', () => {
    const r = runCli(['replay', 'inv', '--format', 'csv'], env);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header).toBe(
      'kind,id,principal,machine,groups,from,to,fromPosition,toPosition,cause,end,causeEvent',
    );
    expect(rows.some((l) => l.startsWith('smb-session,s1/limited/FS1,alice,FS1,'))).toBe(true);
    expect(runCli(['replay', 'inv', '--format', 'xml'], env).status).toBe(2);
  });
});
