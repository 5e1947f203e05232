import { describe, expect, it } from 'vitest';
import {
  emptyWorld,
  evolve,
  type Answer,
  type Envelope,
  type Query,
  type World,
} from '@tokentrail/domain';
import { corp, given, t, type Setup } from '../../domain/src/testing/given';
import { answerAsOf } from './answer-as-of';
import type { AsOf } from './as-of';
import { linkOf } from './link-record';
import { worldSource } from './world-source';

const lookup = (events: Envelope[]) => {
  const byId = new Map(events.map((e) => [e.eventId, e]));
  return { get: (id: string) => (byId.has(id) ? linkOf(byId.get(id)!) : undefined) };
};

/**
 * Given: the events of an in-memory run as a log; then: views folded from the first N of them, as
 * of T or P.
 */
class Log {
  private readonly history: Envelope[];
  private readonly sim: ReturnType<typeof given>;
  constructor(setup: Setup) {
    this.history = corp(setup);
    this.sim = given(this.history);
  }
  /** Every event so far: the set-up, then the commands' (numbered from 1). */
  get events(): Envelope[] {
    return this.history.map((e, i) => ({ ...e, position: i + 1 }));
  }
  at(...args: Parameters<ReturnType<typeof given>['and']>): void {
    this.history.push(...this.sim.and(...args));
  }
  view(asOf: AsOf, upTo = this.events.length): { world: World; at: string } {
    const world = emptyWorld();
    for (const e of this.events.slice(0, upTo)) {
      if (asOf.position !== undefined ? e.position > asOf.position : e.occurredAt > asOf.at)
        continue;
      evolve(world, e);
    }
    return { world, at: asOf.at ?? world.lastOccurredAt ?? '' };
  }
  ask(query: Query, asOf: AsOf): Answer {
    const { world, at } = this.view(asOf);
    const events = lookup(this.events);
    const end = this.view({ position: Number.MAX_SAFE_INTEGER });
    return answerAsOf(worldSource(world, at, events), query, () =>
      worldSource(end.world, end.at, events),
    );
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
    log.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    log.at('09:05', 'access', {
      session: 's1',
      server: 'FS1',
      service: 'smb',
      auth: 'kerberos',
    });
    log.at('09:06', 'access', {
      session: 's1',
      server: 'WEB1',
      service: 'http',
      auth: 'basic',
    });
    log.at('09:10', 'removeMember', { group: 'Finance', member: 'alice' });
    log.at('11:00', 'createUser', { name: 'late' });
    return log;
  };

  it('given events, then truth at T before the first, between two events and after', () => {
    const log = story();
    expect(
      groups(log.ask({ kind: 'truth', args: { principal: 'alice' } }, { at: t('07:00') })),
    ).toBe('none');
    expect(
      groups(log.ask({ kind: 'truth', args: { principal: 'alice' } }, { at: t('09:09') })),
    ).toEqual(['Domain Users', 'Finance']);
    expect(
      groups(log.ask({ kind: 'truth', args: { principal: 'alice' } }, { at: t('09:10') })),
    ).toEqual(['Domain Users']);
    expect(
      groups(log.ask({ kind: 'truth', args: { principal: 'late' } }, { at: t('10:00') })),
    ).toBe('none');
    expect(() =>
      log.ask({ kind: 'truth', args: { principal: 'nobody' } }, { at: t('10:00') }),
    ).toThrow(expect.objectContaining({ code: 'UnknownPrincipal' }));
  });

  it('given tickets, an SMB session and a Basic entry, then each expires at its own time, computed at T', () => {
    const log = story();
    const tgt = { kind: 'tgt', args: { session: 's1' } } as const;
    const smb = { kind: 'smbSession', args: { session: 's1', server: 'FS1' } } as const;
    const basic = { kind: 'basicCache', args: { server: 'WEB1', user: 'alice' } } as const;
    expect(groups(log.ask(tgt, { at: t('09:59') }))).toEqual(['Domain Users', 'Finance']);
    expect(groups(log.ask(tgt, { at: t('10:00') }))).toBe('none');
    expect(groups(log.ask(smb, { at: t('09:14') }))).toEqual(['Domain Users', 'Finance']);
    expect(groups(log.ask(smb, { at: t('09:15') }))).toBe('none');
    expect(groups(log.ask(basic, { at: t('09:20') }))).toEqual(['Domain Users', 'Finance']);
    expect(groups(log.ask(basic, { at: t('09:21') }))).toBe('none');
    expect(groups(log.ask(smb, { at: t('09:04') }))).toBe('none');
  });

  it('given a moment T, then the answer is the same whether or not later events are in the log', () => {
    const log = story();
    const q: Query = { kind: 'stale', args: {} };
    const cut = log.events.findIndex((e) => e.occurredAt > t('09:12'));
    const events = lookup(log.events);
    const { world: partial } = log.view({ at: t('09:12') }, cut);
    const { world: full } = log.view({ at: t('09:12') });
    const whole = () => worldSource(full, t('09:12'), events);
    expect(answerAsOf(worldSource(partial, t('09:12'), events), q, whole)).toEqual(
      answerAsOf(whole(), q, whole),
    );
  });

  it('given a position, then the view holds the first P events', () => {
    const log = story();
    const removal = log.events.findIndex((e) => e.event.type === 'MemberRemoved') + 1;
    expect(
      groups(log.ask({ kind: 'truth', args: { principal: 'alice' } }, { position: removal - 1 })),
    ).toContain('Finance');
    expect(
      groups(log.ask({ kind: 'truth', args: { principal: 'alice' } }, { position: removal })),
    ).toEqual(['Domain Users']);
  });

  it('given a revocation, then stale lists each artifact with lingering groups and since when', () => {
    const log = story();
    const { items } = log.ask({ kind: 'stale', args: { principal: 'alice' } }, { at: t('09:12') });
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
    expect(log.ask({ kind: 'stale', args: {} }, { at: t('09:09') }).items).toEqual([]);
  });

  it('given a token from the logon cache, then explain walks back to the membership event, oldest first', () => {
    const log = new Log({ users: ['alice'], groups: { Finance: [] }, computers: ['WS1'] });
    log.at('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    log.at('09:10', 'addMember', { group: 'Finance', member: 'alice' });
    log.at('09:20', 'logoff', { session: 's1' });
    log.at('09:21', 'logon', { user: 'alice', machine: 'WS1', session: 's2' });
    log.at('09:30', 'logoff', { session: 's2' });
    log.at('09:31', 'logon', { user: 'alice', machine: 'WS1', session: 's3' });
    const { items } = log.ask({ kind: 'explain', args: { session: 's3' } }, { at: t('09:35') });
    expect(items!.map((i) => i.type)).toEqual(['MemberAdded', 'LogonCacheRefreshed', 'LoggedOn']);
    expect(items![0]).toMatchObject({ group: 'Finance', member: 'alice', at: t('09:10') });
    expect(items![1]).toMatchObject({ at: t('09:21'), copied: ['Domain Users', 'Finance'] });
    expect(items!.map((i) => i.position as number)).toEqual(
      [...items!.map((i) => i.position as number)].sort((a, b) => a - b),
    );
  });
});
