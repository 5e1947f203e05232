import type { CommandArgs } from '../commands';
import type { PrincipalKind } from '../directory/directory-state';
import { findPrincipal } from '../directory/directory-state';
import { InvalidArgument, NameTaken } from '../errors';
import { domainSidFromName, isDomainSid, isSid } from '../sids';
import type { Decision } from './decision';

export function decideCreateDomain(d: Decision, args: CommandArgs['createDomain']): void {
  if (d.world.directory.sid) throw new NameTaken('domain', d.world.directory.name);
  const sid = args.sid ?? domainSidFromName(args.name);
  if (!isDomainSid(sid))
    throw new InvalidArgument('sid', `"${sid}" is not a domain SID (S-1-5-21-a-b-c)`);
  d.emit({ type: 'DomainCreated', data: { name: args.name, sid, policy: args.policy ?? {} } });
}

/** A new user, group or computer: the next RID of the domain unless a SID is given (imports). */
export function decideCreatePrincipal(
  d: Decision,
  kind: PrincipalKind,
  args: { name: string; sid?: string; scope?: string },
): void {
  const dir = d.world.directory;
  if (findPrincipal(dir, args.name)) throw new NameTaken('principal', args.name);
  if (args.sid !== undefined && !isSid(args.sid))
    throw new InvalidArgument('sid', `"${args.sid}" is not a SID`);
  if (args.sid && dir.principals.get(args.sid)?.deleted === false)
    throw new NameTaken('SID', args.sid, 'sid');
  const sid = args.sid ?? `${dir.sid}-${dir.nextRid}`;
  d.emit({
    type: 'PrincipalCreated',
    data: { kind, name: args.name, sid, ...(args.scope ? { scope: args.scope } : {}) },
  });
}

export function decideDeletePrincipal(d: Decision, args: CommandArgs['deletePrincipal']): void {
  const p = d.principal(args.name, 'name');
  d.emit({ type: 'PrincipalDeleted', data: { name: p.name, sid: p.sid } });
}

/** Adding a member twice, or removing a non-member, is a no-op: the directory already says so. */
export function decideMembership(d: Decision, add: boolean, args: CommandArgs['addMember']): void {
  const group = d.principal(args.group, 'group', 'group');
  const member = d.principal(args.member, 'member');
  const present = d.world.directory.members.get(group.sid)?.has(member.sid) ?? false;
  if (present === add) return;
  const data = {
    group: group.name,
    groupSid: group.sid,
    member: member.name,
    memberSid: member.sid,
  };
  d.emit(add ? { type: 'MemberAdded', data } : { type: 'MemberRemoved', data });
}

export function decideAddSidHistory(d: Decision, args: CommandArgs['addSidHistory']): void {
  const p = d.principal(args.principal, 'principal');
  if (!isSid(args.sid)) throw new InvalidArgument('sid', `"${args.sid}" is not a SID`);
  if (p.sidHistory.includes(args.sid)) return;
  d.emit({
    type: 'SidHistoryAdded',
    data: { principal: p.name, principalSid: p.sid, sid: args.sid },
  });
}
