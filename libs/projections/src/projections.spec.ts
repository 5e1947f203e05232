import { describe, expect, it } from 'vitest';
import { emptyWorld, type Decided, type World } from '@tokentrail/domain';
import type { RecordedEvent } from '@tokentrail/event-store';
import { InMemorySimulation, t } from '../../domain/src/testing/in-memory-simulation';
import { answerAsOf } from './answer-as-of';
import { foldLog, type AsOf } from './fold-log';
import type { Answer, Query } from './query';

/** Given: the events of an in-memory run, stored as a log with times; then: views folded from it. */
class Log {
  readonly sim: InMemorySimulation;
  readonly events: RecordedEvent[] = [];
  constructor(setup: ConstructorParameters<typeof InMemorySimulation>[0]) {
    const record = (decided: Decided[], at: string) =>
      decided.forEach((d) =>
        this.events.push({
          streamId: 's',
          revision: 0n,
          position: BigInt(this.events.length + 1) * 10n,
          type: d.event.type,
          data: d.event.data as never,
          metadata: {
            eventId: d.eventId,
            occurredAt: at,
            recordedAt: at,
            correlationId: null,
            causationId: d.causationId,
            schemaVersion: 1,
          },
        }),
      );
    this.sim = new (class extends InMemorySimulation {
      override run(...args: Parameters<InMemorySimulation['run']>) {
        const decided = super.run(...args);
        record(decided, this.now);
        return decided;
      }
    })(setup);
  }
  async view(asOf: AsOf, upTo = this.events.length): Promise<{ world: World; at: string }> {
    async function* iterate(events: RecordedEvent[]) {
      yield* events;
    }
    const world = await foldLog(iterate(this.events.slice(0, upTo)), asOf, emptyWorld());
    return { world, at: asOf.at ?? world.lastOccurredAt ?? '' };
  }
  async ask(query: Query, asOf: AsOf): Promise<Answer> {
    const { world, at } = await this.view(asOf);
    const latest = (await this.view({ position: Number.MAX_SAFE_INTEGER })).world;
    return answerAsOf(world, at, query, () => latest);
  }
}

const groups = (a: Answer) => (a.none ? 'none' : a.groups);

describe('time-travel views (SEMANTICS.md §12)', () => {
  const story = () => {
    const log = new Log({
      users: ['alice'],
      groups: { Finance: ['alice'] },
      computers: ['WS1', 'FS1', { name: 'WEB1', policy: { basicTokenTtl: 15 * 60_000 } }],
      policy: { maxTicketAge: 3_600_000, maxRenewAge: 3_600_000 },
    });
    log.sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    log.sim.at('09:05', 'access', {
      session: 's1',
      server: 'FS1',
      service: 'smb',
      auth: 'kerberos',
    });
    log.sim.at('09:06', 'access', {
      session: 's1',
      server: 'WEB1',
      service: 'http',
      auth: 'basic',
    });
    log.sim.at('09:10', 'removeMember', { group: 'Finance', member: 'alice' });
    log.sim.at('11:00', 'createUser', { name: 'late' });
    return log;
  };

  it('given events, then truth at T before the first, between two events and after', async () => {
    const log = story();
    expect(
      groups(await log.ask({ kind: 'truth', args: { principal: 'alice' } }, { at: t('07:00') })),
    ).toBe('none');
    expect(
      groups(await log.ask({ kind: 'truth', args: { principal: 'alice' } }, { at: t('09:09') })),
    ).toEqual(['Domain Users', 'Finance']);
    expect(
      groups(await log.ask({ kind: 'truth', args: { principal: 'alice' } }, { at: t('09:10') })),
    ).toEqual(['Domain Users']);
    expect(
      groups(await log.ask({ kind: 'truth', args: { principal: 'late' } }, { at: t('10:00') })),
    ).toBe('none');
    await expect(
      log.ask({ kind: 'truth', args: { principal: 'nobody' } }, { at: t('10:00') }),
    ).rejects.toMatchObject({ code: 'UnknownPrincipal' });
  });

  it('given tickets, an SMB session and a Basic entry, then each expires at its own time, computed at T', async () => {
    const log = story();
    const tgt = { kind: 'tgt', args: { session: 's1' } } as const;
    const smb = { kind: 'smbSession', args: { session: 's1', server: 'FS1' } } as const;
    const basic = { kind: 'basicCache', args: { server: 'WEB1', user: 'alice' } } as const;
    expect(groups(await log.ask(tgt, { at: t('09:59') }))).toEqual(['Domain Users', 'Finance']);
    expect(groups(await log.ask(tgt, { at: t('10:00') }))).toBe('none');
    expect(groups(await log.ask(smb, { at: t('09:14') }))).toEqual(['Domain Users', 'Finance']);
    expect(groups(await log.ask(smb, { at: t('09:15') }))).toBe('none');
    expect(groups(await log.ask(basic, { at: t('09:20') }))).toEqual(['Domain Users', 'Finance']);
    expect(groups(await log.ask(basic, { at: t('09:21') }))).toBe('none');
    expect(groups(await log.ask(smb, { at: t('09:04') }))).toBe('none');
  });

  it('given a moment T, then the answer is the same whether or not later events are in the log', async () => {
    const log = story();
    const q: Query = { kind: 'stale', args: {} };
    const cut = log.events.findIndex((e) => e.metadata.occurredAt > t('09:12'));
    const { world: partial } = await log.view({ at: t('09:12') }, cut);
    const { world: full } = await log.view({ at: t('09:12') });
    expect(answerAsOf(partial, t('09:12'), q, () => full)).toEqual(
      answerAsOf(full, t('09:12'), q, () => full),
    );
  });

  it('given a position, then the view holds the first P events', async () => {
    const log = story();
    const removal = log.events.findIndex((e) => e.type === 'MemberRemoved') + 1;
    expect(
      groups(
        await log.ask({ kind: 'truth', args: { principal: 'alice' } }, { position: removal - 1 }),
      ),
    ).toContain('Finance');
    expect(
      groups(await log.ask({ kind: 'truth', args: { principal: 'alice' } }, { position: removal })),
    ).toEqual(['Domain Users']);
  });

  it('given a revocation, then stale lists each artifact with lingering groups and since when', async () => {
    const log = story();
    const { items } = await log.ask(
      { kind: 'stale', args: { principal: 'alice' } },
      { at: t('09:12') },
    );
    const kinds = items!.map((i) => i.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'basic-cache',
        'logon-cache',
        'service-ticket',
        'session-token',
        'smb-session',
        'tgt',
      ]),
    );
    for (const i of items!)
      expect(i).toMatchObject({
        principal: 'alice',
        missing: [],
        lingering: ['Finance'],
        since: t('09:10'),
      });
    expect((await log.ask({ kind: 'stale', args: {} }, { at: t('09:09') })).items).toEqual([]);
  });

  it('given a token from the logon cache, then explain walks back to the membership event, oldest first', async () => {
    const log = new Log({ users: ['alice'], groups: { Finance: [] }, computers: ['WS1'] });
    log.sim.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    log.sim.at('09:10', 'addMember', { group: 'Finance', member: 'alice' });
    log.sim.at('09:20', 'logoff', { session: 's1' });
    log.sim.at('09:21', 'logon', { user: 'alice', machine: 'WS1', session: 's2' });
    log.sim.at('09:30', 'logoff', { session: 's2' });
    log.sim.at('09:31', 'logon', { user: 'alice', machine: 'WS1', session: 's3' });
    const { items } = await log.ask(
      { kind: 'explain', args: { session: 's3' } },
      { at: t('09:35') },
    );
    expect(items!.map((i) => i.type)).toEqual(['MemberAdded', 'LogonCacheRefreshed', 'LoggedOn']);
    expect(items![0]).toMatchObject({ group: 'Finance', member: 'alice', at: t('09:10') });
    expect(items![1]).toMatchObject({ at: t('09:21'), copied: ['Domain Users', 'Finance'] });
    expect(items!.map((i) => i.position as number)).toEqual(
      [...items!.map((i) => i.position as number)].sort((a, b) => a - b),
    );
  });
});
