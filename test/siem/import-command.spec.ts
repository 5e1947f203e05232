import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli';

const FIXTURES = join(__dirname, '..', 'fixtures', 'logs');
const dir = mkdtempSync(join(tmpdir(), 'tt-import-cli-'));
const env = { TOKENTRAIL_DB: join(dir, 'log.db') };
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('tokentrail import: exit codes, the per-file summary, replay of what was imported', () => {
  it('given a file with no readable record, then it exits 3 and says which file and why', () => {
    const notes = file('notes.txt', 'these are notes, not a log\n');
    const r = runCli(['import', notes, '--simulation', 'none'], env);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`tokentrail: ${notes} has no readable record`);
  });

  it('given one good input and one cut short, then the good one is imported and the import exits 3', () => {
    const good = join(FIXTURES, 'winlogbeat8-4728.ndjson');
    const cut = file('cut.ndjson.gz', '\u001f\u008b\u0008\u0000');
    const r = runCli(['import', good, cut, '--simulation', 'cut', '--json'], env);
    expect(r.status).toBe(3);
    const summary = JSON.parse(r.stdout);
    expect(summary.imported).toBeGreaterThan(0);
    expect(summary.problems.map((p: { name: string }) => p.name)).toEqual([cut]);
  });

  it('given more malformed lines than are listed, then it says how many more were not shown; malformed lines alone exit 0', () => {
    const lines = [
      '{"@timestamp":"2026-03-02T09:00:00Z","winlog":{"channel":"Security","computer_name":"DC1","event_id":"4720","record_id":1,"event_data":{"TargetSid":"S-1-5-21-1-2-3-1104","TargetUserName":"alice"}}}',
      ...Array.from({ length: 25 }, (_, i) => `{"broken": ${i}`),
    ];
    const r = runCli(['import', file('messy.ndjson', lines.join('\n')), '--simulation', 'm'], env);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('5 more errors not shown');
  });

  it('given a zone outside ±14:00 or an unknown format, then it exits 2 and imports nothing', () => {
    const log = join(FIXTURES, 'winlogbeat8-4728.ndjson');
    expect(runCli(['import', log, '--simulation', 'z', '--timezone', '+15:00'], env)).toMatchObject(
      { status: 2, stderr: expect.stringMatching(/timezone/) },
    );
    expect(runCli(['import', log, '--simulation', 'z', '--format', 'csv'], env).status).toBe(2);
  });

  it('given standard input (-), then it is read like a file, with its format reported; empty, it has no readable record', () => {
    const log = readFileSync(join(FIXTURES, 'winlogbeat8-4728.ndjson'), 'utf8');
    const r = runCli(['import', '-', '--simulation', 'stdin'], env, log);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^-: winlogbeat, 2 records, 0 malformed, read$/m);
    expect(runCli(['import', '-', '--simulation', 'stdin'], env, '').status).toBe(3);
  });

  it('given the log written for the evidence model, when it is imported and replayed, then the timeline shows the logons, tokens, the finding, each with its record', () => {
    const log = join(FIXTURES, 'lingering-after-removal.ndjson');
    const imported = runCli(['import', log, '--simulation', 'ev'], env);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain(
      'findings: lingering-after-removal 1, missing-after-add 0, unexplained 0',
    );
    expect(imported.stderr).toContain(`${log}: winlogbeat, 9 records, 0 malformed, read`);
    const replay = runCli(['replay', 'ev'], env);
    expect(replay.status).toBe(0);
    const lines = replay.stdout.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '2026-03-02T09:02:00.000Z  ~ logon WS1/0x1000 of alice, type 2 Negotiate: token expected from directory [WS1/Security#500]',
        '2026-03-02T09:30:00.000Z  ~ token WS1/0x2000 of alice: 9 SIDs [WS1/Security#504]',
        '2026-03-02T09:30:00.000Z  ! lingering-after-removal alice WS1/0x2000 still carries Finance (logon-cache) [WS1/Security#504]',
      ]),
    );
    expect(lines.some((l) => l.includes('+ logon-cache'))).toBe(true);
  });
});
