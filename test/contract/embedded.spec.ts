import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  SqliteEventStore,
  StreamDeleted,
  WrongExpectedRevision,
  type RecordedEvent,
} from '@tokentrail/event-store';
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

  it('given data already as JSON text, then that text is stored and chained as is', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tt-')), 'text.db');
    const store = new SqliteEventStore(file);
    const dataText = '{"group": "Finance", "n": 1}';
    await store.append('s-1', [{ ...event(1), dataText }]);
    expect(await store.verify()).toMatchObject({ ok: true, checked: 1 });
    await store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT data FROM events').pluck().get()).toBe(dataText);
    raw.close();
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

describe('embedded store: two stores on one file', () => {
  const event = (n: number, eventId?: string) => ({
    type: 'MemberAdded',
    data: { n },
    metadata: { eventId, occurredAt: '2026-03-02T09:00:00Z', schemaVersion: 1 },
  });
  const read = async (events: AsyncIterable<RecordedEvent>) => {
    const out: [bigint, number][] = [];
    for await (const e of events) out.push([e.revision, (e.data as { n: number }).n]);
    return out;
  };

  // Each store remembers stream heads between appends: what the other wrote must still count.
  it('given two stores appending to one stream in turn, then each sees the other: expected revisions hold, retries replay, the chain stays whole', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tt-')), 'shared.db');
    const a = new SqliteEventStore(file);
    const b = new SqliteEventStore(file);
    await a.append('s', [event(1)], { expectedRevision: 'no_stream' });
    await b.append('s', [event(2)], { expectedRevision: 0n });
    await a.append('s', [event(3)], { expectedRevision: 1n });
    const stale = await b.append('s', [event(4)], { expectedRevision: 1n }).catch((e) => e);
    expect(stale).toBeInstanceOf(WrongExpectedRevision);
    expect(stale).toMatchObject({ expected: 1n, actual: 2n });
    expect(await b.append('s', [event(4)], { expectedRevision: 2n })).toMatchObject({
      nextRevision: 3n,
    });
    await expect(
      a.append('s', [event(5)], { expectedRevision: 'no_stream' }),
    ).rejects.toMatchObject({ name: 'WrongExpectedRevision', actual: 3n });

    // Unchecked appends land after the other's, at positions of their own.
    await a.append('s', [event(5)]);
    await b.append('s', [event(6)]);
    await a.append('t', [event(7)]);
    const batch = [event(8, randomUUID()), event(9, randomUUID())];
    const first = await b.append('s', batch);
    expect(await a.append('s', batch)).toEqual(first);
    expect(await read(a.readStream('s'))).toEqual(
      [1, 2, 3, 4, 5, 6, 8, 9].map((n, i) => [BigInt(i), n]),
    );
    expect(await b.verify()).toMatchObject({ ok: true, checked: 9 });

    // A stream the other store deleted stays deleted here.
    expect(await a.deleteStream('s')).toEqual({ events: 8 });
    await expect(b.append('s', [event(10)])).rejects.toBeInstanceOf(StreamDeleted);
    expect(await b.append('t', [event(11)], { expectedRevision: 0n })).toMatchObject({
      nextRevision: 1n,
    });
    expect(await a.verify()).toMatchObject({ ok: true, checked: 3 });
    await a.close();
    await b.close();
  });
});
