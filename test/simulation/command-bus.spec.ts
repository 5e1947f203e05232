import { CommandBus } from '@nestjs/cqrs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@tokentrail/event-store';
import {
  AddMemberCommand,
  CreateDomainCommand,
  CreateGroupCommand,
  CreateUserCommand,
  LogonCommand,
  type CommandOutcome,
} from '@tokentrail/simulation';
import { createTestApp } from '../support/test-app';

const at = (hhmm: string) => `2026-03-02T${hhmm}:00.000Z`;

describe('commands through the CommandBus', () => {
  const store = new SqliteEventStore(':memory:');
  let one: Awaited<ReturnType<typeof createTestApp>>;
  let two: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    // Two application instances on one store: two writers with their own cached aggregates.
    one = await createTestApp(store);
    two = await createTestApp(store);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  it('given a command, then its events are stored in the aggregate streams with metadata and causation', async () => {
    const bus = one.get(CommandBus);
    await bus.execute(
      new CreateDomainCommand(
        'cb',
        at('08:00'),
        { name: 'corp.example' },
        { correlationId: 'run-1' },
      ),
    );
    await bus.execute(new CreateUserCommand('cb', at('08:00'), { name: 'alice' }));
    await bus.execute(new CreateGroupCommand('cb', at('08:00'), { name: 'Finance' }));
    const out = await bus.execute<AddMemberCommand, CommandOutcome>(
      new AddMemberCommand(
        'cb',
        at('08:01'),
        { group: 'Finance', member: 'alice' },
        { correlationId: 'run-1' },
      ),
    );
    expect(out.events).toHaveLength(1);
    expect(out.events[0]).toMatchObject({
      streamId: 'sim-cb/Domain',
      revision: 3n,
      type: 'MemberAdded',
      metadata: { occurredAt: at('08:01'), correlationId: 'run-1', schemaVersion: 1 },
    });
  });

  it('given another writer appends between load and append, then WrongExpectedRevision makes the handler decide again and both land', async () => {
    // A third instance whose store lets instance one slip in an append just before its first append.
    let raced = false;
    const racing = Object.create(store) as SqliteEventStore;
    racing.append = async (stream, events, options) => {
      if (!raced) {
        raced = true;
        await one
          .get(CommandBus)
          .execute(new CreateUserCommand('cb', at('08:02'), { name: 'bob' }));
      }
      return store.append(stream, events, options);
    };
    racing.close = async () => undefined; // the shared store outlives this instance
    const three = await createTestApp(racing);
    // Decided again after the conflict: bob now exists, so the retry is refused as a taken name
    // (without the retry the caller would get WrongExpectedRevision).
    await expect(
      three.get(CommandBus).execute(new CreateUserCommand('cb', at('08:03'), { name: 'bob' })),
    ).rejects.toMatchObject({ code: 'NameTaken' });
    expect(raced).toBe(true);
    const out = await two
      .get(CommandBus)
      .execute<CreateUserCommand, CommandOutcome>(
        new CreateUserCommand('cb', at('08:03'), { name: 'carol' }),
      );
    expect(out.events[0]).toMatchObject({ type: 'PrincipalCreated', revision: 5n });
    const names: unknown[] = [];
    for await (const e of store.readStream('sim-cb/Domain'))
      if (e.type === 'PrincipalCreated') names.push(e.data.name);
    expect(names).toEqual(['alice', 'Finance', 'bob', 'carol']);
    await three.close();
  });

  it('given a refused command, then nothing is appended and the typed error reaches the caller', async () => {
    const before = await store.lastPosition();
    await expect(
      one
        .get(CommandBus)
        .execute(
          new LogonCommand('cb', at('08:04'), { user: 'alice', machine: 'WS9', session: 's1' }),
        ),
    ).rejects.toMatchObject({ code: 'UnknownMachine', field: 'machine' });
    await expect(
      one.get(CommandBus).execute(new CreateUserCommand('cb', at('07:00'), { name: 'dave' })),
    ).rejects.toMatchObject({ code: 'TimeWentBackwards' });
    expect(await store.lastPosition()).toBe(before);
  });
});
