import { describe, expect, it } from 'vitest';
import { SqliteEventStore, type EventStore, type ReadStreamOptions } from '@tokentrail/event-store';
import { SimulationRepository, toNewEvent } from '@tokentrail/simulation';

const at = '2026-03-02T08:00:00Z';

/** A store that counts the events a reader takes from it. */
function counting(store: EventStore) {
  const counted = { read: 0 };
  const wrapped = Object.create(store) as EventStore;
  wrapped.readStream = (stream: string, options?: ReadStreamOptions) => {
    const inner = store.readStream(stream, options);
    return (async function* () {
      for await (const e of inner) {
        counted.read++;
        yield e;
      }
    })();
  };
  return { store: wrapped, counted };
}

describe('the simulations the write side keeps loaded', () => {
  it('given one kept at most, then loading another evicts the first, which is read again from its start; a kept one reads only what is new', async () => {
    const { store, counted } = counting(new SqliteEventStore(':memory:'));
    const repository = new SimulationRepository(store, {
      TOKENTRAIL_STORE: 'embedded',
      TOKENTRAIL_DB: ':memory:',
      TOKENTRAIL_LOADED_SIMULATIONS: 1,
    });
    for (const sim of ['a', 'b']) {
      const [created] = (await repository.load(sim)).decide(
        [{ command: { verb: 'createDomain', args: { name: `${sim}.example` } }, at }],
        null,
        'fail',
      );
      const events = 'events' in created ? created.events.map(toNewEvent) : [];
      await store.append(`sim-${sim}`, events, { expectedRevision: 'no_stream' });
    }
    counted.read = 0;
    const a = await repository.load('a'); // 'b' was loaded last: 'a' was evicted and is read again
    expect(counted.read).toBe(1);
    expect(a.world.directory.name).toBe('a.example');
    counted.read = 0;
    await repository.load('a'); // kept: nothing new to read
    expect(counted.read).toBe(0);
  });
});
