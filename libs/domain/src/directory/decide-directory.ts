import { fact, type Decided } from '../decider/decided';
import { principal } from '../decider/reads';
import { InvalidArgument, NameTaken } from '../errors';
import type { CommandArgs } from '../schema/verbs';
import { domainSidFromName, isSid } from '../sids';
import type { RecordRef } from '../observe/observation';
import type { World } from '../world/world-state';
import { findPrincipal, type PrincipalKind } from './directory-state';

export function decideCreateDomain(world: World, args: CommandArgs['createDomain']): Decided[] {
  if (world.directory.sid) throw new NameTaken('domain', world.directory.name);
  const sid = args.sid ?? domainSidFromName(args.name);
  return [
    fact({ type: 'DomainCreated', data: { name: args.name, sid, policy: args.policy ?? {} } }),
  ];
}

/** A new user, group or computer: the next RID of the domain unless a SID is given. */
export function decideCreatePrincipal(
  world: World,
  args: { kind: PrincipalKind; name: string; sid?: string },
): Decided[] {
  const dir = world.directory;
  if (!dir.sid) throw new InvalidArgument('name', 'the simulation has no domain yet');
  if (findPrincipal(dir, args.name)) throw new NameTaken('principal', args.name);
  if (args.sid !== undefined && !isSid(args.sid))
    throw new InvalidArgument('sid', `"${args.sid}" is not a SID`);
  if (args.sid && dir.principals.get(args.sid)?.deleted === false)
    throw new NameTaken('SID', args.sid, 'sid');
  const sid = args.sid ?? `${dir.sid}-${dir.nextRid}`;
  return [fact({ type: 'PrincipalCreated', data: { kind: args.kind, name: args.name, sid } })];
}

export function decideDeletePrincipal(
  world: World,
  args: CommandArgs['deletePrincipal'],
): Decided[] {
  const p = principal(world, args.name, 'name');
  return [fact({ type: 'PrincipalDeleted', data: { name: p.name, sid: p.sid } })];
}

/** Adding a member twice, or removing a non-member, is a no-op: the directory already says so. */
export function decideMembership(
  world: World,
  add: boolean,
  args: CommandArgs['addMember'],
): Decided[] {
  const group = principal(world, args.group, 'group', 'group');
  const member = principal(world, args.member, 'member');
  return memberChange(world, add, group, member);
}

/** A membership change as the directory takes it (from a command, or a log `record`). */
export function memberChange(
  world: World,
  add: boolean,
  group: { name: string; sid: string },
  member: { name: string; sid: string },
  record?: RecordRef,
): Decided[] {
  const present = world.directory.members.get(group.sid)?.has(member.sid) ?? false;
  if (present === add) return [];
  const data = {
    group: group.name,
    groupSid: group.sid,
    member: member.name,
    memberSid: member.sid,
    ...(record ? { record } : {}),
  };
  return [fact(add ? { type: 'MemberAdded', data } : { type: 'MemberRemoved', data })];
}

export function decideAddSidHistory(world: World, args: CommandArgs['addSidHistory']): Decided[] {
  const p = principal(world, args.principal, 'principal');
  if (p.sidHistory.includes(args.sid)) return [];
  return [
    fact({
      type: 'SidHistoryAdded',
      data: { principal: p.name, principalSid: p.sid, sid: args.sid },
    }),
  ];
}
