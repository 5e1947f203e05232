import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@tokentrail/event-store';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('embedded (SQLite :memory:)', async () => {
  const store = new SqliteEventStore(':memory:');
  return { store, stop: () => store.close() };
});

describe('embedded store: hash chain', () => {
  const event = (n: number) => ({
    type: 'MemberAdded',
    data: { group: 'Finance', n },
    metadata: { occurredAt: '2026-03-02T09:00:00Z', schemaVersion: 1 },
  });

  it('given a middle event deleted from the file, then verify names the missing revision', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tt-')), 'chain.db');
    const store = new SqliteEventStore(file);
    await store.append('s-1', [event(1), event(2), event(3)]);
    await store.close();
    const raw = new Database(file);
    raw.prepare('DELETE FROM events WHERE position = 2').run();
    raw.close();
    const reopened = new SqliteEventStore(file);
    expect(await reopened.verify()).toMatchObject({
      ok: false,
      firstBad: { stream: 's-1', revision: 1n },
      reason: 's-1 revision 1 is missing',
    });
    await reopened.close();
  });

  it('given a store file of the 0.1 layout, then opening it says so in one line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tt-')), 'old.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT)');
    raw.close();
    expect(() => new SqliteEventStore(file)).toThrow(/written by tokentrail 0.1/);
  });

  it('given an untouched log, then verify walks every event and finds nothing', async () => {
    const store = new SqliteEventStore(':memory:');
    await store.append('s-1', [event(1), event(2)]);
    await store.append('s-2', [event(3)]);
    const report = await store.verify();
    expect(report).toMatchObject({ ok: true, checked: 3 });
    expect(report.heads.map((h) => [h.stream, h.revision])).toEqual([
      ['s-1', 1n],
      ['s-2', 0n],
    ]);
    await store.close();
  });

  it('given one event edited in the file, then verify names its position and checks the other streams', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tt-')), 'chain.db');
    const store = new SqliteEventStore(file);
    await store.append('s-1', [event(1), event(2), event(3)]);
    await store.append('s-2', [event(4)]);
    await store.close();
    const raw = new Database(file);
    raw
      .prepare(`UPDATE events SET data = '{"group":"Domain Admins","n":2}' WHERE position = 2`)
      .run();
    raw.close();
    const reopened = new SqliteEventStore(file);
    expect(await reopened.verify()).toMatchObject({
      ok: false,
      checked: 2,
      firstBad: { stream: 's-1', revision: 1n, position: 2n },
    });
    await reopened.close();
  });

  it('given an edited occurredAt, then verify also names its position', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tt-')), 'chain.db');
    const store = new SqliteEventStore(file);
    await store.append('s-1', [event(1), event(2), event(3)]);
    await store.close();
    const raw = new Database(file);
    raw.prepare(`UPDATE events SET occurred_at = '2020-01-01T00:00:00Z' WHERE position = 3`).run();
    raw.close();
    const reopened = new SqliteEventStore(file);
    expect(await reopened.verify()).toMatchObject({ ok: false, firstBad: { position: 3n } });
    await reopened.close();
  });
});
