import type { INestApplication } from '@nestjs/common';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteEventStore, type NewEvent } from '@tokentrail/event-store';
import { startHttp } from '../support/test-http';

/** A store whose disk fails the way SQLite reports it, from the moment it is told to. */
class FailingDisk extends SqliteEventStore {
  failing: string | null = null;

  override async append(stream: string, events: readonly NewEvent[], options = {}) {
    if (this.failing)
      throw Object.assign(new Error('SQLite says no'), { code: this.failing, name: 'SqliteError' });
    return super.append(stream, events, options);
  }
}

describe('store faults over HTTP', () => {
  let app: INestApplication | undefined;
  afterEach(async () => app?.close());

  it.each([
    ['SQLITE_FULL', 507, 'the store’s disk is full: the write that failed stored nothing'],
    ['SQLITE_READONLY', 503, 'the store is read-only'],
    ['SQLITE_IOERR_WRITE', 503, 'the store’s disk could not be read or written'],
  ])(
    'given the disk failing with %s, then %i with one line and nothing stored',
    async (code, status, message) => {
      const store = new FailingDisk(':memory:');
      let url: string;
      ({ app, url } = await startHttp(store));
      const scenario = await fetch(`${url}/simulations?id=d`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          scenario: 'd',
          start: '2026-03-02T08:00:00Z',
          domain: { name: 'corp.example', users: ['alice'] },
        }),
      });
      expect(scenario.status).toBe(201);
      const before = await store.lastPosition();
      store.failing = code;
      const res = await fetch(`${url}/simulations/d/commands`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ createUser: { name: 'bob' } }),
      });
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe('StoreUnavailable');
      expect(body.message).toContain(message);
      expect(body.message).not.toContain('\n');
      expect(await store.lastPosition()).toBe(before);
    },
  );
});
