import { afterEach, describe, expect, it, vi } from 'vitest';
import { SqliteEventStore, parseStoreConfig } from '@tokentrail/event-store';
import { signingKeyFile } from '../../../test/support/evidence-store';
import { LogSealer } from './log-sealer';

describe('signed heads at intervals', () => {
  afterEach(() => vi.useRealTimers());

  it('given a signing key and an interval, then each interval signs the heads when something new was appended, and not otherwise', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const store = new SqliteEventStore(':memory:');
    const event = {
      type: 'MemberAdded',
      data: {},
      metadata: { occurredAt: '2026-03-02T09:00:00Z', schemaVersion: 1 },
    };
    await store.append('sim-a', [event]);
    const config = parseStoreConfig({
      TOKENTRAIL_DB: ':memory:',
      TOKENTRAIL_SIGNING_KEY: signingKeyFile().file,
      TOKENTRAIL_SEAL_INTERVAL: '60',
    });
    const sealer = new LogSealer(store, config);
    const seals = async () => {
      let n = 0;
      for await (const _ of store.readStream('$seals')) n++;
      return n;
    };
    const sealed = vi.spyOn(sealer, 'sealQuietly');
    sealer.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(sealed).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    await sealed.mock.results[0]?.value;
    expect(await seals()).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    await sealed.mock.results[1]?.value;
    expect(await seals()).toBe(1); // nothing new: nothing signed
    await store.append('sim-a', [event]);
    await vi.advanceTimersByTimeAsync(60_000);
    await sealed.mock.results[2]?.value;
    expect(await seals()).toBe(2);
    sealer.onApplicationShutdown();
    await store.close();
  });
});
