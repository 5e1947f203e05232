import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { streamOf, type Envelope } from '@tokentrail/domain';
import {
  EventStoreDbEventStore,
  SqliteEventStore,
  type EventStore,
  type RecordedEvent,
} from '@tokentrail/event-store';
import { ReadModel } from '@tokentrail/projections';
import { ScenarioRunner, parseScenarioText, planScenario } from '@tokentrail/scenarios';
import { CommandSender } from '@tokentrail/simulation';
import { EsdbStandIn } from '../support/esdb-stand-in';
import { createTestApp } from '../support/test-app';

const at = (hhmm: string) => `2026-03-02T${hhmm}:00.000Z`;
const scenario = `
scenario: two writers
start: 2026-03-02T08:00:00Z
domain:
  name: corp.example
  users: [alice]
  groups: [{ name: Finance, members: [alice] }]
  computers: [WS1, FS1]
steps:
  - { at: '09:00', logon: { user: alice, machine: WS1, session: s1 } }
`;

/** Two stores on one log, as two processes have: `connect` opens another connection to it. */
interface Shared {
  connect(): EventStore;
  stop(): Promise<void>;
}

const dir = mkdtempSync(join(tmpdir(), 'tt-boundary-'));
let files = 0;
const embedded = async (): Promise<Shared> => {
  const file = join(dir, `log-${++files}.db`);
  return { connect: () => new SqliteEventStore(file), stop: async () => undefined };
};
const standIn = async (): Promise<Shared> => {
  const server = await new EsdbStandIn().start();
  return {
    connect: () => new EventStoreDbEventStore(server.connectionString),
    stop: () => server.stop(),
  };
};

/** A store that lets something happen just before its next append: another writer slipping in. */
function interceptable(store: EventStore) {
  let before: (() => Promise<void>) | null = null;
  const wrapped: EventStore = Object.create(store) as EventStore;
  wrapped.append = async (stream, events, options) => {
    const hook = before;
    before = null;
    await hook?.();
    return store.append(stream, events, options);
  };
  return { store: wrapped, beforeNextAppend: (hook: () => Promise<void>) => (before = hook) };
}

async function stored(store: EventStore, simulation: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of store.readStream(streamOf(simulation))) out.push(e);
  return out;
}

const groupsOf = (e: RecordedEvent) =>
  (
    (e.data as { membership: Envelope['event']['data'] & { groups: { name: string }[] } })
      .membership?.groups ?? []
  ).map((g) => g.name);

describe.each([
  ['embedded, two connections to one file', embedded],
  ['EventStoreDB stand-in, two clients', standIn],
])('the simulation is the consistency boundary (%s)', (_name, open) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  async function twoInstances(simulation: string) {
    const shared = await open();
    const one = interceptable(shared.connect());
    const two = interceptable(shared.connect());
    const a = await createTestApp(one.store, new ReadModel(':memory:'), { projector: false });
    const b = await createTestApp(two.store, new ReadModel(':memory:'), { projector: false });
    cleanup.push(async () => {
      await a.close();
      await b.close();
      await shared.stop();
    });
    await a.get(ScenarioRunner).run(planScenario(parseScenarioText(scenario)), { simulation });
    return { a, b, one, two, store: one.store };
  }

  it('given a removal appended by one instance between the other’s load and append, then the access decides again and never carries the removed group', async () => {
    const { a, b, two, store } = await twoInstances('race-access');
    // b has the simulation loaded (as of the logon); a removes alice from Finance just before b
    // appends.
    await b
      .get(CommandSender)
      .send('race-access', { verb: 'purge', args: { session: 's1' } }, at('09:01'));
    two.beforeNextAppend(async () => {
      await a
        .get(CommandSender)
        .send(
          'race-access',
          { verb: 'removeMember', args: { group: 'Finance', member: 'alice' } },
          at('09:10'),
        );
    });
    const events = await b
      .get(CommandSender)
      .send(
        'race-access',
        { verb: 'access', args: { session: 's1', server: 'FS1', service: 'smb', auth: 'ntlm' } },
        at('09:15'),
      );
    const access = events.find((e) => e.event.type === 'AccessMade');
    expect(
      access?.event.type === 'AccessMade' &&
        access.event.data.membership?.groups.map((g) => g.name),
    ).toEqual(['Domain Users']);
    const log = await stored(store, 'race-access');
    const accesses = log.filter((e) => e.type === 'AccessMade' || e.type === 'SmbSessionOpened');
    expect(accesses.map(groupsOf)).toEqual([['Domain Users'], ['Domain Users']]);
    // One log, in time order, with dense revisions.
    expect(log.map((e) => e.revision)).toEqual(log.map((_, i) => BigInt(i)));
    const times = log.map((e) => e.metadata.occurredAt);
    expect(times).toEqual([...times].sort());
  });

  it('given a command refused in either process after a race, then it leaves zero events', async () => {
    const { a, b, two, store } = await twoInstances('race-refusal');
    await b
      .get(CommandSender)
      .send('race-refusal', { verb: 'purge', args: { session: 's1' } }, at('09:01'));
    two.beforeNextAppend(async () => {
      await a
        .get(CommandSender)
        .send(
          'race-refusal',
          { verb: 'logon', args: { user: 'alice', machine: 'FS1', session: 's2' } },
          at('09:05'),
        );
    });
    const before = (await stored(store, 'race-refusal')).length;
    // b decided this logon against a world without s2; a stored s2 first: decided again, it is
    // refused.
    await expect(
      b
        .get(CommandSender)
        .send(
          'race-refusal',
          { verb: 'logon', args: { user: 'alice', machine: 'WS1', session: 's2' } },
          at('09:06'),
        ),
    ).rejects.toMatchObject({ code: 'NameTaken', field: 'session' });
    const after = await stored(store, 'race-refusal');
    // a's logon only: LoggedOn, TgtIssued, LogonCacheRefreshed
    expect(after.length - before).toBe(3);
    expect(after.slice(before).map((e) => e.type)).toEqual([
      'LoggedOn',
      'TgtIssued',
      'LogonCacheRefreshed',
    ]);
    // Nor can a command go back in time behind another writer's later event.
    await expect(
      b
        .get(CommandSender)
        .send('race-refusal', { verb: 'purge', args: { session: 's1' } }, at('09:04')),
    ).rejects.toMatchObject({ code: 'TimeWentBackwards' });
    expect((await stored(store, 'race-refusal')).length).toBe(after.length);
  });

  it('given a command of several events, then they are one append: one stream, consecutive, each naming its aggregate', async () => {
    const { a, store } = await twoInstances('atomic');
    await a
      .get(CommandSender)
      .send('atomic', { verb: 'logoff', args: { session: 's1' } }, at('09:02'));
    await a
      .get(CommandSender)
      .send(
        'atomic',
        { verb: 'logon', args: { user: 'alice', machine: 'WS1', session: 's2' } },
        at('09:03'),
      );
    const log = await stored(store, 'atomic');
    const logon = log.slice(-3);
    expect(logon.map((e) => e.metadata.aggregate)).toEqual([
      'Session:s2',
      'Session:s2',
      'Machine:WS1',
    ]);
    expect(new Set(logon.map((e) => e.metadata.recordedAt)).size).toBe(1);
    expect(logon[1].metadata.causationId).not.toBeNull();
  });
});
