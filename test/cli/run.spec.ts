import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOutputSchema } from '../scenarios/result-shape';
import { runCli } from './run-cli';

const SHARED = join(__dirname, '..', '..', '..', 'shared', 'scenarios');
const HAVE_SHARED = existsSync(SHARED);
if (!HAVE_SHARED)
  console.log(
    `[cli] ../shared/scenarios not found beside the checkout (${SHARED}): its scenarios are skipped`,
  );
const dir = () => mkdtempSync(join(tmpdir(), 'tt-run-'));

describe('tokentrail run', () => {
  it
    .skipIf(!HAVE_SHARED)
    .each(['iis-basic-token-cache', 'log-off-twice', 'purge-is-not-enough-for-smb'])(
    'given ../shared/scenarios/%s.yaml, then --json passes and has the SCENARIOS.md shape',
    (name) => {
      const db = join(dir(), 'log.db');
      const result = runCli(['run', join(SHARED, `${name}.yaml`), '--json'], { TOKENTRAIL_DB: db });
      expect(result.stderr).toMatch(/^simulation: /m);
      expect(result.status).toBe(0);
      const out = runOutputSchema.parse(JSON.parse(result.stdout));
      expect(out.failed).toBe(0);
    },
  );

  it('given an expectation that fails, then exit 1 and the table says FAIL', () => {
    const d = dir();
    const file = join(d, 'fail.yaml');
    writeFileSync(
      file,
      `scenario: fails\nstart: 2026-03-02T08:00:00Z\ndomain: { name: c, users: [alice] }\nqueries:\n  - { id: q, at: "09:00", truth: { principal: alice }, expect: { includes: [Finance] } }\n`,
    );
    const result = runCli(['run', file], { TOKENTRAIL_DB: join(d, 'log.db') });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('FAIL');
    expect(result.stdout).toContain('0 passed, 1 failed');
  });

  it('given an invalid file, then exit 2, standard error names the step and field, and the store is untouched', () => {
    const d = dir();
    const db = join(d, 'log.db');
    const file = join(d, 'bad.yaml');
    writeFileSync(
      file,
      `scenario: bad\nstart: 2026-03-02T08:00:00Z\ndomain: { name: c, users: [alice], computers: [WS1] }\nsteps:\n  - { at: "09:00", logon: { user: alice, machine: WS1, session: s1 } }\n  - { at: "09:01", logon: { user: bob, machine: WS1, session: s2 } }\n`,
    );
    const result = runCli(['run', file, '--json'], { TOKENTRAIL_DB: db });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('steps[1].logon.user: unknown principal "bob"');
    expect(runCli(['verify'], { TOKENTRAIL_DB: db }).stdout).toContain('ok: 0 events verified');
  });

  it('given the same --simulation twice, then the second run is refused with exit 2 and appends nothing', () => {
    const d = dir();
    const db = join(d, 'log.db');
    const file = join(d, 'twice.yaml');
    writeFileSync(
      file,
      `scenario: twice\nstart: 2026-03-02T08:00:00Z\ndomain: { name: c, users: [alice], computers: [WS1] }\nsteps:\n  - { at: "09:00", logon: { user: alice, machine: WS1, session: s1 } }\n`,
    );
    expect(runCli(['run', file, '--simulation', 'inv-1'], { TOKENTRAIL_DB: db }).status).toBe(0);
    const count = runCli(['verify'], { TOKENTRAIL_DB: db }).stdout;
    const again = runCli(['run', file, '--simulation', 'inv-1'], { TOKENTRAIL_DB: db });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('simulation "inv-1" already holds');
    expect(runCli(['verify'], { TOKENTRAIL_DB: db }).stdout).toBe(count);
  });

  it('given a missing file, then exit 2 naming it', () => {
    const result = runCli(['run', '/nonexistent/x.yaml']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('/nonexistent/x.yaml: (file): cannot read the file: ENOENT');
  });
});
