import { randomUUID } from 'node:crypto';
import { firstValueFrom, filter, take, toArray, type Observable } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  StreamDeleted,
  WrongExpectedRevision,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type SubscriptionItem,
} from '@tokentrail/event-store';

/** A fresh, isolated store per suite; `stop` releases it. */
export interface StoreFixture {
  store: EventStore;
  stop(): Promise<void>;
}

const ev = (
  type: string,
  n: number,
  occurredAt = `2026-03-02T09:0${n % 10}:00.000Z`,
  eventId?: string,
): NewEvent => ({
  type,
  data: { n, nested: { b: [1, 2], a: 'x' } },
  metadata: {
    eventId,
    occurredAt,
    schemaVersion: 1,
    correlationId: 'corr-1',
    causationId: null,
    aggregate: `Session:s${n}`,
    command: n,
  },
});

/** Resolves with the items up to and including the first `caughtUp`, then keeps collecting. */
function listen(items$: Observable<SubscriptionItem>) {
  const items: SubscriptionItem[] = [];
  let caughtUp!: () => void;
  const ready = new Promise<void>((r) => (caughtUp = r));
  const waiters: Array<() => void> = [];
  const subscription = items$.subscribe((i) => {
    items.push(i);
    if (i.kind === 'caughtUp') caughtUp();
    waiters.splice(0).forEach((w) => w());
  });
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise<void>((r) => waiters.push(r));
  };
  return { items, ready, until, stop: () => subscription.unsubscribe() };
}

async function collect(iterable: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

/** The one contract every adapter must keep; each test writes under its own stream prefix. */
export function describeEventStoreContract(name: string, open: () => Promise<StoreFixture>): void {
  describe(`event store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: EventStore;
    let prefix: string;
    const s = (stream: string) => `${prefix}${stream}`;

    beforeAll(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterAll(async () => fixture?.stop());

    const fresh = () => (prefix = `t${randomUUID().slice(0, 8)}/`);

    it('given no stream, when appending with no_stream, then revisions start at 0 and metadata round-trips', async () => {
      fresh();
      const id = randomUUID();
      const result = await store.append(
        s('a'),
        [ev('MemberAdded', 1, undefined, id), ev('MemberRemoved', 2)],
        { expectedRevision: 'no_stream' },
      );
      expect(result.nextRevision).toBe(1n);
      const events = await collect(store.readStream(s('a')));
      expect(events.map((e) => [e.type, e.revision])).toEqual([
        ['MemberAdded', 0n],
        ['MemberRemoved', 1n],
      ]);
      expect(events[0].metadata).toMatchObject({
        eventId: id,
        occurredAt: '2026-03-02T09:01:00.000Z',
        correlationId: 'corr-1',
        causationId: null,
        schemaVersion: 1,
        aggregate: 'Session:s1',
        command: 1,
      });
      expect(events[0].data).toEqual({ n: 1, nested: { b: [1, 2], a: 'x' } });
      expect(typeof events[0].metadata.recordedAt).toBe('string');
      expect(events[1].position).toBe(result.position);
      expect(events[0].position < events[1].position).toBe(true);
    });

    it('given a stream, when appending with a stale expected revision, then WrongExpectedRevision names stream, expected and actual', async () => {
      fresh();
      await store.append(s('a'), [ev('A', 1), ev('A', 2)], { expectedRevision: 'no_stream' });
      const error = await store
        .append(s('a'), [ev('A', 3)], { expectedRevision: 0n })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevision);
      expect(error).toMatchObject({ streamId: s('a'), expected: 0n, actual: 1n });
      const again = await store
        .append(s('a'), [ev('A', 3)], { expectedRevision: 'no_stream' })
        .catch((e: unknown) => e);
      expect(again).toMatchObject({
        name: 'WrongExpectedRevision',
        expected: 'no_stream',
        actual: 1n,
      });
      const missing = await store
        .append(s('none'), [ev('A', 3)], { expectedRevision: 4n })
        .catch((e: unknown) => e);
      expect(missing).toMatchObject({ name: 'WrongExpectedRevision', actual: 'no_stream' });
      expect(await collect(store.readStream(s('none')))).toEqual([]);
    });

    it('given two concurrent appends with the same expected revision, then exactly one wins and nothing is half-written', async () => {
      fresh();
      await store.append(s('c'), [ev('A', 0)], { expectedRevision: 'no_stream' });
      const batch = (tag: string) => [1, 2, 3].map((n) => ({ ...ev(`${tag}`, n) }));
      const outcomes = await Promise.allSettled([
        store.append(s('c'), batch('Left'), { expectedRevision: 0n }),
        store.append(s('c'), batch('Right'), { expectedRevision: 0n }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.filter((o) => o.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(WrongExpectedRevision);
      const types = (await collect(store.readStream(s('c')))).map((e) => e.type);
      expect(types).toHaveLength(4);
      expect(new Set(types.slice(1)).size).toBe(1);
    });

    it('given an appended batch, when the same event ids are appended again, then they are stored once', async () => {
      fresh();
      const batch = [ev('A', 1, undefined, randomUUID()), ev('A', 2, undefined, randomUUID())];
      const first = await store.append(s('i'), batch, { expectedRevision: 'no_stream' });
      const retry = await store.append(s('i'), batch, { expectedRevision: 'no_stream' });
      expect(retry).toEqual(first);
      const anyRetry = await store.append(s('i'), batch, { expectedRevision: 'any' });
      expect(anyRetry).toEqual(first);
      expect(await collect(store.readStream(s('i')))).toHaveLength(2);
    });

    it('given a stream of five, then it reads forwards, backwards, from a revision and with a max count', async () => {
      fresh();
      await store.append(
        s('r'),
        [1, 2, 3, 4, 5].map((n) => ev('A', n)),
        { expectedRevision: 'no_stream' },
      );
      const ns = (es: RecordedEvent[]) => es.map((e) => (e.data as { n: number }).n);
      expect(ns(await collect(store.readStream(s('r'))))).toEqual([1, 2, 3, 4, 5]);
      expect(ns(await collect(store.readStream(s('r'), { direction: 'backwards' })))).toEqual([
        5, 4, 3, 2, 1,
      ]);
      expect(ns(await collect(store.readStream(s('r'), { from: 2n, maxCount: 2 })))).toEqual([
        3, 4,
      ]);
      expect(
        ns(await collect(store.readStream(s('r'), { from: 2n, direction: 'backwards' }))),
      ).toEqual([3, 2, 1]);
    });

    it('given several streams, then $all reads from a position with stream-prefix, type, position and occurredAt filters', async () => {
      fresh();
      await store.append(s('x-1'), [ev('Keep', 1), ev('Drop', 2)]);
      const mid = await store.append(s('y-1'), [ev('Keep', 3)]);
      await store.append(s('x-2'), [ev('Keep', 4), ev('Keep', 5)]);
      const ns = (es: RecordedEvent[]) => es.map((e) => (e.data as { n: number }).n);
      expect(ns(await collect(store.readAll({ filter: { streamPrefix: prefix } })))).toEqual([
        1, 2, 3, 4, 5,
      ]);
      expect(ns(await collect(store.readAll({ filter: { streamPrefix: s('x-') } })))).toEqual([
        1, 2, 4, 5,
      ]);
      expect(
        ns(
          await collect(store.readAll({ filter: { streamPrefix: prefix, eventTypes: ['Keep'] } })),
        ),
      ).toEqual([1, 3, 4, 5]);
      expect(
        ns(
          await collect(
            store.readAll({ fromPosition: mid.position, filter: { streamPrefix: prefix } }),
          ),
        ),
      ).toEqual([3, 4, 5]);
      expect(
        ns(
          await collect(
            store.readAll({ toPosition: mid.position, filter: { streamPrefix: prefix } }),
          ),
        ),
      ).toEqual([1, 2, 3]);
      expect(
        ns(
          await collect(
            store.readAll({
              untilOccurredAt: '2026-03-02T09:03:00.000Z',
              filter: { streamPrefix: prefix },
            }),
          ),
        ),
      ).toEqual([1, 2, 3]);
      expect(
        ns(
          await collect(
            store.readAll({
              direction: 'backwards',
              maxCount: 2,
              filter: { streamPrefix: prefix },
            }),
          ),
        ),
      ).toEqual([5, 4]);
      expect(
        ns(
          await collect(
            store.readAll({
              direction: 'backwards',
              fromPosition: mid.position,
              filter: { streamPrefix: prefix },
            }),
          ),
        ),
      ).toEqual([3, 2, 1]);
      const all = await collect(store.readAll({ filter: { streamPrefix: prefix } }));
      all.slice(1).forEach((e, i) => expect(e.position > all[i].position).toBe(true));
      expect(await store.lastPosition()).toBe(all[all.length - 1].position);
    });

    it('given stored events, when subscribing to $all with a filter, then it catches up, marks it, then goes live', async () => {
      fresh();
      await store.append(s('sub-1'), [ev('A', 1), ev('B', 2)]);
      await store.append(s('other'), [ev('A', 9)]);
      const sub = listen(store.subscribeToAll({ filter: { streamPrefix: s('sub-') } }));
      await sub.ready; // appended only once the catch-up is over: nothing races
      await store.append(s('sub-2'), [ev('A', 3)]);
      await sub.until(() => sub.items.length >= 4);
      sub.stop();
      expect(
        sub.items.map((i) => (i.kind === 'event' ? (i.event.data as { n: number }).n : i.kind)),
      ).toEqual([1, 2, 'caughtUp', 3]);
    });

    it('given a deleted stream, then it reads as empty, refuses appends, hides from $all, and subscribers are told', async () => {
      fresh();
      await store.append(s('gone'), [ev('A', 1), ev('A', 2)], { expectedRevision: 'no_stream' });
      await store.append(s('kept'), [ev('A', 3)]);
      const sub = listen(store.subscribeToAll({ filter: { streamPrefix: prefix } }));
      await sub.ready;
      expect(await store.deleteStream(s('gone'))).toEqual({ events: 2 });
      await sub.until(() => sub.items.some((i) => i.kind === 'deleted'));
      sub.stop();
      const deletions = sub.items.filter((i) => i.kind === 'deleted');
      expect(deletions).toEqual([
        { kind: 'deleted', stream: s('gone'), position: expect.any(BigInt) },
      ]);
      // A deletion has its place in the log: the head moves past it.
      expect(deletions[0].kind === 'deleted' && deletions[0].position).toBe(
        await store.lastPosition(),
      );
      expect(await collect(store.readStream(s('gone')))).toEqual([]);
      const ns = (es: RecordedEvent[]) => es.map((e) => (e.data as { n: number }).n);
      expect(ns(await collect(store.readAll({ filter: { streamPrefix: prefix } })))).toEqual([3]);
      await expect(store.append(s('gone'), [ev('A', 4)])).rejects.toBeInstanceOf(StreamDeleted);
      expect(await store.deleteStream(s('never'))).toEqual({ events: 0 });
    });

    it('given a checkpoint, when subscribing from it with an event-type filter, then only later matching events arrive', async () => {
      fresh();
      const first = await store.append(s('cp'), [ev('A', 1)]);
      await store.append(s('cp'), [ev('B', 2), ev('A', 3)]);
      const events = await firstValueFrom(
        store
          .subscribeToAll({
            fromPosition: first.position,
            filter: { streamPrefix: prefix, eventTypes: ['A'] },
          })
          .pipe(
            filter((i) => i.kind === 'event'),
            take(1),
            toArray(),
          ),
      );
      expect(
        events.map((i) => (i.kind === 'event' ? (i.event.data as { n: number }).n : null)),
      ).toEqual([3]);
    });
  });
}
