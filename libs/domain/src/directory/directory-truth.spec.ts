import { describe, expect, it } from 'vitest';
import { NameTaken, UnknownPrincipal } from '../errors';
import { corp, given } from '../testing/given';
import { findPrincipal } from './directory-state';
import { directoryTruth } from './directory-truth';
import { groupNames, membershipSids } from './membership';

const truthOf = (world: ReturnType<typeof given>['world'], name: string) =>
  directoryTruth(world.directory, findPrincipal(world.directory, name)!.sid);

describe('directory truth (SEMANTICS.md §1)', () => {
  it('given nested groups, then truth is the transitive closure plus the implicit Domain Users', () => {
    const sim = given(
      corp({
        users: ['alice'],
        groups: { Finance: ['alice'], Staff: ['Finance'], All: ['Staff'] },
      }),
    );
    expect(groupNames(truthOf(sim.world, 'alice')!)).toEqual([
      'All',
      'Domain Users',
      'Finance',
      'Staff',
    ]);
  });

  it('given a membership cycle, then truth terminates and holds both groups', () => {
    const sim = given(corp({ users: ['alice'], groups: { A: ['alice', 'B'], B: ['A'] } }));
    expect(groupNames(truthOf(sim.world, 'alice')!)).toEqual(['A', 'B', 'Domain Users']);
    expect(groupNames(truthOf(sim.world, 'A')!)).toEqual(['B']);
  });

  it('given a computer, then it is implicitly in Domain Computers; Domain Admins exists in every domain', () => {
    const sim = given(corp({ computers: ['WS1'] }));
    expect(groupNames(truthOf(sim.world, 'WS1')!)).toEqual(['Domain Computers']);
    expect(findPrincipal(sim.world.directory, 'Domain Admins')?.sid).toBe(
      `${sim.world.directory.sid}-512`,
    );
  });

  it('given SID history on a user and a group, then truth carries both histories; adding it twice decides nothing', () => {
    const sim = given(corp({ users: ['bob'], groups: { Legacy: ['bob'] } }));
    sim
      .when('08:00', 'addSidHistory', { principal: 'bob', sid: 'S-1-5-21-9-9-9-1001' })
      .then(['SidHistoryAdded']);
    sim.and('08:00', 'addSidHistory', { principal: 'Legacy', sid: 'S-1-5-21-9-9-9-2001' });
    expect(membershipSids(truthOf(sim.world, 'bob')!)).toEqual(
      expect.arrayContaining(['S-1-5-21-9-9-9-1001', 'S-1-5-21-9-9-9-2001']),
    );
    sim.when('08:01', 'addSidHistory', { principal: 'bob', sid: 'S-1-5-21-9-9-9-1001' }).then([]);
  });

  it('given a deleted group, then its members lose it; a deleted user has no truth', () => {
    const sim = given(corp({ users: ['alice'], groups: { Finance: ['alice'] } }));
    sim
      .when('09:00', 'deletePrincipal', { name: 'Finance' })
      .then([{ type: 'PrincipalDeleted', data: { name: 'Finance' } }]);
    expect(groupNames(truthOf(sim.world, 'alice')!)).toEqual(['Domain Users']);
    const aliceSid = findPrincipal(sim.world.directory, 'alice')!.sid;
    sim.and('09:01', 'deletePrincipal', { name: 'alice' });
    expect(directoryTruth(sim.world.directory, aliceSid)).toBeNull();
    expect(findPrincipal(sim.world.directory, 'alice', true)?.sid).toBe(aliceSid);
  });

  it('when adding a member twice or removing a non-member, then nothing happens', () => {
    const sim = given(corp({ users: ['alice'], groups: { Finance: ['alice'] } }));
    sim.when('08:00', 'addMember', { group: 'Finance', member: 'alice' }).then([]);
    sim
      .when('08:00', 'removeMember', { group: 'Finance', member: 'alice' })
      .then([{ type: 'MemberRemoved', data: { group: 'Finance', member: 'alice' } }]);
    sim.when('08:00', 'removeMember', { group: 'Finance', member: 'alice' }).then([]);
  });

  it('when naming an unknown principal or a taken name, then typed errors name the field', () => {
    const sim = given(corp({ users: ['alice'], groups: { Finance: [] } }));
    sim
      .when('08:00', 'addMember', { group: 'Finance', member: 'mallory' })
      .thenThrows(UnknownPrincipal);
    sim
      .when('08:00', 'addMember', { group: 'Finance', member: 'mallory' })
      .thenThrows(expect.objectContaining({ field: 'member' }));
    sim
      .when('08:00', 'addMember', { group: 'alice', member: 'Finance' })
      .thenThrows(expect.objectContaining({ field: 'group' }));
    sim.when('08:00', 'createUser', { name: 'ALICE' }).thenThrows(NameTaken);
  });

  it('given a membership change, then the truth change of every nested member points at it (lineage, stale since)', () => {
    const sim = given(corp({ users: ['alice'], groups: { Finance: ['alice'], Staff: [] } }));
    sim.when('09:00', 'addMember', { group: 'Staff', member: 'Finance' }).then(['MemberAdded']);
    const alice = findPrincipal(sim.world.directory, 'alice')!.sid;
    expect(sim.world.directory.truthChange.get(alice)).toEqual({
      eventId: expect.any(String),
      at: '2026-03-02T09:00:00.000Z',
    });
  });

  it('given a renamed principal, then it is found by its former name only when asked for a known one', () => {
    const sim = given(corp({ users: ['alice'] }));
    const sid = findPrincipal(sim.world.directory, 'alice')!.sid;
    sim.world.directory.principals.get(sid)!.formerNames.push('alice.old');
    expect(findPrincipal(sim.world.directory, 'alice.old')).toBeUndefined();
    expect(findPrincipal(sim.world.directory, 'ALICE.OLD', true)?.sid).toBe(sid);
    expect(findPrincipal(sim.world.directory, sid.toLowerCase())?.name).toBe('alice');
  });
});
