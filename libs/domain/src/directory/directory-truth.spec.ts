import { describe, expect, it } from 'vitest';
import { InMemorySimulation, types } from '../testing/in-memory-simulation';
import { directoryTruth } from './directory-truth';
import { findPrincipal } from './directory-state';
import { groupNames, membershipSids } from './membership';
import { NameTaken, UnknownPrincipal } from '../errors';

const truthOf = (sim: InMemorySimulation, name: string) => {
  const p = findPrincipal(sim.world.directory, name)!;
  return directoryTruth(sim.world.directory, p.sid);
};

describe('directory truth (SEMANTICS.md §1)', () => {
  it('given nested groups, then truth is the transitive closure plus the implicit Domain Users', () => {
    const sim = new InMemorySimulation({
      users: ['alice'],
      groups: { Finance: ['alice'], Staff: ['Finance'], All: ['Staff'] },
    });
    expect(groupNames(truthOf(sim, 'alice')!)).toEqual(['All', 'Domain Users', 'Finance', 'Staff']);
  });

  it('given a membership cycle, then truth terminates and holds both groups', () => {
    const sim = new InMemorySimulation({
      users: ['alice'],
      groups: { A: ['alice', 'B'], B: ['A'] },
    });
    expect(groupNames(truthOf(sim, 'alice')!)).toEqual(['A', 'B', 'Domain Users']);
    expect(groupNames(truthOf(sim, 'A')!)).toEqual(['B']);
  });

  it('given a computer, then it is implicitly in Domain Computers; Domain Admins exists in every domain', () => {
    const sim = new InMemorySimulation({ computers: ['WS1'] });
    expect(groupNames(truthOf(sim, 'WS1')!)).toEqual(['Domain Computers']);
    expect(findPrincipal(sim.world.directory, 'Domain Admins')?.sid).toBe(
      `${sim.world.directory.sid}-512`,
    );
  });

  it('given SID history on a user and a group, then truth carries both histories', () => {
    const sim = new InMemorySimulation({ users: ['bob'], groups: { Legacy: ['bob'] } });
    sim.run('addSidHistory', { principal: 'bob', sid: 'S-1-5-21-9-9-9-1001' });
    sim.run('addSidHistory', { principal: 'Legacy', sid: 'S-1-5-21-9-9-9-2001' });
    expect(membershipSids(truthOf(sim, 'bob')!)).toEqual(
      expect.arrayContaining(['S-1-5-21-9-9-9-1001', 'S-1-5-21-9-9-9-2001']),
    );
    expect(
      types(sim.run('addSidHistory', { principal: 'bob', sid: 'S-1-5-21-9-9-9-1001' })),
    ).toEqual([]);
  });

  it('given a deleted group, then its members lose it; a deleted user has no truth', () => {
    const sim = new InMemorySimulation({ users: ['alice'], groups: { Finance: ['alice'] } });
    sim.at('09:00', 'deletePrincipal', { name: 'Finance' });
    expect(groupNames(truthOf(sim, 'alice')!)).toEqual(['Domain Users']);
    const aliceSid = findPrincipal(sim.world.directory, 'alice')!.sid;
    sim.at('09:01', 'deletePrincipal', { name: 'alice' });
    expect(directoryTruth(sim.world.directory, aliceSid)).toBeNull();
  });

  it('when adding a member twice or removing a non-member, then nothing happens', () => {
    const sim = new InMemorySimulation({ users: ['alice'], groups: { Finance: ['alice'] } });
    expect(types(sim.run('addMember', { group: 'Finance', member: 'alice' }))).toEqual([]);
    expect(types(sim.run('removeMember', { group: 'Finance', member: 'alice' }))).toEqual([
      'MemberRemoved',
    ]);
    expect(types(sim.run('removeMember', { group: 'Finance', member: 'alice' }))).toEqual([]);
  });

  it('when naming an unknown principal or a taken name, then typed errors name the field', () => {
    const sim = new InMemorySimulation({ users: ['alice'], groups: { Finance: [] } });
    expect(() => sim.run('addMember', { group: 'Finance', member: 'mallory' })).toThrow(
      UnknownPrincipal,
    );
    expect(() => sim.run('addMember', { group: 'Finance', member: 'mallory' })).toThrow(
      expect.objectContaining({ field: 'member' }),
    );
    expect(() => sim.run('addMember', { group: 'alice', member: 'Finance' })).toThrow(
      expect.objectContaining({ field: 'group' }),
    );
    expect(() => sim.run('createUser', { name: 'ALICE' })).toThrow(NameTaken);
  });

  it('given a membership change, then the truth event of every nested member points at it (lineage)', () => {
    const sim = new InMemorySimulation({
      users: ['alice'],
      groups: { Finance: ['alice'], Staff: [] },
    });
    const [added] = sim.at('09:00', 'addMember', { group: 'Staff', member: 'Finance' });
    const alice = findPrincipal(sim.world.directory, 'alice')!.sid;
    expect(sim.world.directory.truthEvent.get(alice)).toBe(added.eventId);
  });
});
