import { describe, expect, it } from 'vitest';
import { STEP_VERBS, VERB_SCHEMAS, type SimCommand } from '../schema/verbs';
import { corp, given } from '../testing/given';
import { emptyWorld } from '../world/world-state';
import { serializeWorld } from '../world/world-snapshot';
import { decide, route, targetOf } from './decide';
import { fact } from './decided';
import { stamp } from './stamp';

describe('the decider core', () => {
  it('routes every verb to one aggregate (the switch is exhaustive: a new verb does not compile until routed)', () => {
    const kinds = new Set(
      Object.keys(VERB_SCHEMAS).map((verb) => route({ verb, args: {} } as SimCommand).kind),
    );
    expect([...kinds].sort()).toEqual(['Domain', 'Machine', 'Session']);
    expect(STEP_VERBS.length).toBe(19);
  });

  it('given a command, then its target is the aggregate instance it addresses, found through the indexes when it names a process', () => {
    const sim = given(corp({ users: ['alice'], computers: ['WS1'] }));
    sim.and('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    sim.and('09:01', 'startProcess', { session: 's1', process: 'excel' });
    expect(
      targetOf(sim.world, { verb: 'access', args: { process: 'excel', service: 'file' } }),
    ).toEqual({ kind: 'Session', id: 's1' });
    expect(targetOf(sim.world, { verb: 'restart', args: { machine: 'WS1' } })).toEqual({
      kind: 'Machine',
      id: 'WS1',
    });
    expect(targetOf(sim.world, { verb: 'addMember', args: { group: 'g', member: 'm' } })).toEqual({
      kind: 'Domain',
      id: 'domain',
    });
  });

  it('given decided events citing earlier ones of the same decision, then stamping gives ids and turns those causes into ids', () => {
    const first = fact({ type: 'ComputerTicketsPurged', data: { machine: 'WS1' } }, 'stored-1');
    const second = fact({ type: 'ComputerTicketsPurged', data: { machine: 'WS1' } }, first);
    const third = fact({ type: 'ComputerTicketsPurged', data: { machine: 'WS1' } });
    let n = 0;
    const world = emptyWorld();
    world.position = 41;
    const envelopes = stamp(world, [first, second, third], {
      at: '2026-03-02T09:00:00Z',
      newId: () => `id-${++n}`,
      correlationId: 'run',
      command: 5,
    });
    expect(envelopes.map((e) => [e.eventId, e.causationId, e.position, e.command])).toEqual([
      ['id-1', 'stored-1', 42, 5],
      ['id-2', 'id-1', 43, 5],
      ['id-3', null, 44, 5],
    ]);
    expect(envelopes[0].occurredAt).toBe('2026-03-02T09:00:00.000Z');
  });

  it('given a decision, then the world it read is unchanged (decide is pure: the fold changes the world, not decide)', () => {
    const sim = given(
      corp({ users: ['alice'], groups: { Finance: ['alice'] }, computers: ['WS1', 'FS1'] }),
    );
    sim.and('09:00', 'logon', { user: 'alice', machine: 'WS1', session: 's1' });
    // Truths computed on the way are remembered (a memo, left out of the world's serialized form).
    const before = serializeWorld(sim.world);
    const decided = decide(
      sim.world,
      { verb: 'access', args: { session: 's1', server: 'FS1', service: 'smb', auth: 'kerberos' } },
      '2026-03-02T09:05:00Z',
    );
    expect(decided.map((d) => d.event.type)).toEqual([
      'ServiceTicketIssued',
      'SmbSessionOpened',
      'AccessMade',
    ]);
    expect(serializeWorld(sim.world)).toEqual(before);
  });
});
