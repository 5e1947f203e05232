import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'scenarios');
const store = () => ({ TOKENTRAIL_DB: join(mkdtempSync(join(tmpdir(), 'tt-exit-')), 'log.db') });

describe('exit codes (README, "Exit codes"): one meaning each', () => {
  it('given a scenario whose expectations hold, then 0', () => {
    const r = runCli(['run', join(EXAMPLES, '01-directory-nesting-and-cycles.yaml')], store());
    expect(r.status).toBe(0);
  });

  it('given a scenario with an expectation that fails, then 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tt-exit-'));
    const file = join(dir, 'fails.yaml');
    writeFileSync(
      file,
      [
        'scenario: fails',
        'start: 2026-03-02T08:00:00Z',
        'domain: { name: corp.example, users: [alice], groups: [{ name: Finance, members: [alice] }] }',
        'queries:',
        '  - { id: q, at: "08:01", truth: { principal: alice }, expect: { excludes: [Finance] } }',
      ].join('\n'),
    );
    const r = runCli(['run', file], store());
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+excludes Finance/);
  });

  it.each([
    ['an unknown option', ['list', '--colour']],
    ['an unknown command', ['lsit']],
    ['a missing argument', ['query']],
    ['an invalid argument', ['query', 'x', 'truth', 'alice', '--at', 'yesterday']],
    ['a scenario file that is not valid', ['run', join(tmpdir(), 'no-such-scenario.yaml')]],
  ])('given %s, then 2 and one line saying what is wrong', (_, args) => {
    const r = runCli(args, store());
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^(error: |tokentrail: )/);
  });

  it('given an input with no readable record, then 3', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tt-exit-'));
    const file = join(dir, 'empty.ndjson');
    writeFileSync(file, '');
    const r = runCli(['import', file, '--simulation', 'nothing'], store());
    expect(r.status).toBe(3);
  });

  it.each([
    ['a store file that is not SQLite', { TOKENTRAIL_DB: __filename }],
    [
      'an EventStoreDB nobody listens on',
      {
        TOKENTRAIL_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:9?tls=false',
      },
    ],
  ])('given %s, then 4 and one line', (_, env) => {
    const r = runCli(['list'], env);
    expect(r.status).toBe(4);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('given --help or --version, then 0', () => {
    expect(runCli(['--help']).status).toBe(0);
    expect(runCli(['--version']).status).toBe(0);
  });
});
