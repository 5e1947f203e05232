import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@tokentrail/event-store';
import { runCli } from './run-cli';

describe('tokentrail verify', () => {
  it('given an intact log, then exit 0; given one edited event, then exit 1 naming its position', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'tt-cli-')), 'log.db');
    const store = new SqliteEventStore(db);
    for (let n = 1; n <= 5; n++) {
      await store.append(`s-${n % 2}`, [
        {
          type: 'MemberAdded',
          data: { n },
          metadata: { occurredAt: '2026-03-02T09:00:00Z', schemaVersion: 1 },
        },
      ]);
    }
    await store.close();
    const ok = runCli(['verify'], { TOKENTRAIL_DB: db });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('ok: 5 events verified');
    expect(ok.stdout).toMatch(/^s-0 {2}head revision 1 {2}[0-9a-f]{64}$/m);
    expect(ok.stdout).toMatch(/^s-1 {2}head revision 2 {2}[0-9a-f]{64}$/m);

    const raw = new Database(db);
    raw.prepare(`UPDATE events SET data = '{"n":40}' WHERE position = 4`).run();
    raw.close();
    const bad = runCli(['verify'], { TOKENTRAIL_DB: db });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('tampered: s-0 revision 1 (global position 4)');
  });

  it('given a wrong TOKENTRAIL_STORE, then exit 2 with one line naming the variable', () => {
    const result = runCli(['verify'], { TOKENTRAIL_STORE: 'mysql' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('TOKENTRAIL_STORE');
  });
});
