import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { signingKeyFile, tamper } from '../support/evidence-store';
import { STALE_EXAMPLE } from '../support/examples';
import { runCli } from './run-cli';

const EXAMPLE = STALE_EXAMPLE;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const oneLine = (text: string) => expect(text.trim().split('\n')).toHaveLength(1);

describe('tokentrail verify, seal and bundles as a user runs them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tt-verify-'));
  const db = join(dir, 'log.db');
  const signer = signingKeyFile(dir);
  const env = { TOKENTRAIL_DB: db, TOKENTRAIL_SIGNING_KEY: signer.file };
  let head = '';

  beforeAll(() => {
    expect(runCli(['run', EXAMPLE, '--simulation', 'inv-1'], env).status).toBe(0);
    expect(runCli(['run', EXAMPLE, '--simulation', 'inv-2'], env).status).toBe(0);
    const sealed = runCli(['seal'], env);
    expect(sealed.status).toBe(0);
    expect(sealed.stdout).toMatch(/^sealed \S+ by sha256:[0-9a-f]{64} \(\$seals revision 0\)$/m);
    head = /^simulation inv-1 {2}head (\d+:[0-9a-f]{64})$/m.exec(sealed.stdout)?.[1] ?? '';
    expect(head).not.toBe('');
    // A signed head is no event of the log: reading the projections after one does not wait.
    expect(runCli(['list'], env)).toMatchObject({
      status: 0,
      stdout: expect.stringContaining('inv-1'),
    });
  });

  it('given a chmod a-w copy, then verify passes, prints each head as POS:HASH and leaves the folder and the bytes as they were', () => {
    const copyDir = mkdtempSync(join(tmpdir(), 'tt-ro-'));
    const copy = join(copyDir, 'log.db');
    copyFileSync(db, copy);
    chmodSync(copy, 0o444);
    const before = sha256(copy);
    const result = runCli(['verify', '--public-key', signer.publicFile], { TOKENTRAIL_DB: copy });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`simulation inv-1  head ${head}`);
    expect(result.stdout).toMatch(
      /signed heads: 1, the last of \S+ by sha256:[0-9a-f]{64} \(trusted\)/,
    );
    expect(result.stdout).toMatch(/^ok: \d+ events verified$/m);
    expect(sha256(copy)).toBe(before);
    expect(readdirSync(copyDir)).toEqual(['log.db']);
    expect(statSync(copy).mode & 0o777).toBe(0o444);
  });

  it('given SIM and the head written down at the seal, then verify checks that simulation against it', () => {
    const ok = runCli(['verify', 'inv-1', '--expect-head', head], env);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`simulation inv-1  head ${head}`);
    expect(ok.stdout).not.toContain('inv-2');
    const wrong = runCli(['verify', 'inv-1', '--expect-head', `3:${'0'.repeat(64)}`], env);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(
      /^tampered: sim-inv-1 position 3 \(revision 2\) .*does not match the expected head/m,
    );
    const bad = runCli(['verify', '--expect-head', head], env);
    expect(bad.status).toBe(2);
    oneLine(bad.stderr);
  });

  it('given the last events of a copy deleted, then verify exits 1 naming the truncation through the signed head', () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'tt-cut-')), 'log.db');
    copyFileSync(db, copy);
    tamper(copy, (raw) =>
      raw.prepare("DELETE FROM events WHERE stream = 'sim-inv-1' AND revision >= 10").run(),
    );
    const result = runCli(['verify'], { ...env, TOKENTRAIL_DB: copy });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^tampered: sim-inv-1 ends at position 10 \(revision 9\), but the signed head of \S+ names position 17/m,
    );
  });

  it('given a missing path, an empty file, a file that is not SQLite and a folder, then one line each, exit 4 (store unavailable), and nothing is created or changed', () => {
    const where = mkdtempSync(join(tmpdir(), 'tt-bad-'));
    const empty = join(where, 'empty.db');
    writeFileSync(empty, '');
    const text = join(where, 'notes.db');
    writeFileSync(text, 'not a database\n');
    const folder = join(where, 'folder.db');
    mkdirSync(folder);
    const cases: [string, RegExp][] = [
      [join(where, 'missing.db'), /no store at .*missing\.db: the file does not exist/],
      [empty, /empty\.db is empty \(0 bytes\), not a tokentrail store/],
      [text, /notes\.db is not a SQLite file/],
      [folder, /folder\.db is a directory, not a store file/],
    ];
    for (const [file, message] of cases) {
      const result = runCli(['verify'], { TOKENTRAIL_DB: file });
      expect(result.status, file).toBe(4); // the store is unavailable
      oneLine(result.stderr);
      expect(result.stderr).toMatch(message);
    }
    expect(readdirSync(where).sort()).toEqual(['empty.db', 'folder.db', 'notes.db']);
    expect(statSync(empty).size).toBe(0);
    // Commands that write refuse an empty file too, instead of turning it into a store.
    const run = runCli(['run', EXAMPLE], { TOKENTRAIL_DB: empty });
    expect(run.status).toBe(4);
    oneLine(run.stderr);
    expect(statSync(empty).size).toBe(0);
  });

  it('given a bundle, then verify --bundle checks it with no store; an edited bundle exits 1', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tt-bundle-')), 'inv-1.json');
    const exported = runCli(['export', 'inv-1', '--bundle', out], env);
    expect(exported.status).toBe(0);
    expect(exported.stderr).toContain(
      `bundle ${out}: 17 events of inv-1, head ${head}, signed by sha256:`,
    );
    expect(runCli(['export', 'inv-1', '--bundle', out], env).status).toBe(2); // never overwritten
    const elsewhere = { TOKENTRAIL_DB: join(tmpdir(), 'no-such-store.db') };
    const ok = runCli(['verify', '--bundle', out, '--public-key', signer.publicFile], elsewhere);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('bundle of simulation inv-1, made ');
    expect(ok.stdout).toContain(`simulation inv-1  head ${head}`);
    expect(existsSync(elsewhere.TOKENTRAIL_DB)).toBe(false);
    const bundle = JSON.parse(readFileSync(out, 'utf8'));
    bundle.streams[0].events.pop();
    writeFileSync(out.replace('.json', '-cut.json'), JSON.stringify(bundle));
    const cut = runCli(['verify', '--bundle', out.replace('.json', '-cut.json')], elsewhere);
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(
      /^tampered: sim-inv-1 ends at position 16 \(revision 15\), but the signed head/m,
    );
    writeFileSync(out.replace('.json', '-junk.json'), '{"format":"zip"}');
    const junk = runCli(['verify', '--bundle', out.replace('.json', '-junk.json')], elsewhere);
    expect(junk.status).toBe(2);
    oneLine(junk.stderr);
  });

  it('given a simulation deleted with tokentrail delete, then verify explains the deletion instead of calling it tampering', () => {
    expect(runCli(['delete', 'inv-2'], env).status).toBe(0);
    const result = runCli(['verify'], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^simulation inv-2 {2}deleted at \S+: 17 events, last head 17:[0-9a-f]{64} \(recorded in \$deletions\)$/m,
    );
    const one = runCli(['verify', 'inv-2'], env);
    expect(one.status).toBe(0);
    expect(one.stdout).toContain('simulation inv-2  deleted at');
  });
});
