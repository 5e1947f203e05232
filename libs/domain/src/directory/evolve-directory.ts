import type { Envelope } from '../events/envelope';
import type { DomainEvent } from '../events/events';
import { IMPLICIT_GROUPS, RID } from '../sids';
import { evidenceKey, type DirectoryState } from './directory-state';
import { transitiveMembers } from './directory-truth';

function link(map: Map<string, Set<string>>, from: string, to: string, add: boolean): void {
  let set = map.get(from);
  if (!set) map.set(from, (set = new Set()));
  if (add) set.add(to);
  else set.delete(to);
}

/**
 * Forgets what was derived for every principal whose groups (or their names) may change because
 * of `sid`, and says who they are; returns them.
 */
function invalidate(dir: DirectoryState, sid: string): Set<string> {
  const affected = transitiveMembers(dir, sid);
  for (const a of affected) dir.closures.delete(a);
  dir.refs.delete(sid);
  dir.changed = [...affected];
  return affected;
}

/**
 * Marks every principal whose transitive groups may change because of `sid` (lineage, "stale
 * since").
 */
function touch(dir: DirectoryState, sid: string, e: Envelope): void {
  const change = { eventId: e.eventId, at: e.occurredAt };
  for (const affected of invalidate(dir, sid)) dir.truthChange.set(affected, change);
}

/** Folds one directory event into the directory it is given. */
export function evolveDirectory(dir: DirectoryState, event: DomainEvent, e: Envelope): void {
  dir.changed = [];
  switch (event.type) {
    case 'DomainCreated': {
      dir.name = event.data.name;
      dir.sid = event.data.sid;
      dir.policy = { ...event.data.policy };
      dir.nextRid = RID.firstAllocated;
      for (const g of IMPLICIT_GROUPS) {
        const sid = `${dir.sid}-${g.rid}`;
        dir.principals.set(sid, {
          kind: 'group',
          name: g.name,
          sid,
          sidHistory: [],
          deleted: false,
          formerNames: [],
        });
        dir.byName.set(g.name.toLowerCase(), sid);
        dir.truthChange.set(sid, { eventId: e.eventId, at: e.occurredAt });
      }
      dir.changed = IMPLICIT_GROUPS.map((g) => `${dir.sid}-${g.rid}`);
      return;
    }
    case 'PrincipalCreated': {
      const { kind, name, sid, scope, security } = event.data;
      dir.principals.set(sid, {
        kind,
        name,
        sid,
        sidHistory: [],
        deleted: false,
        formerNames: [],
        ...(scope ? { scope } : {}),
        ...(security === false ? { security } : {}),
      });
      dir.byName.set(name.toLowerCase(), sid);
      const rid = Number(sid.slice(sid.lastIndexOf('-') + 1));
      if (dir.sid && sid.startsWith(`${dir.sid}-`) && rid >= dir.nextRid) dir.nextRid = rid + 1;
      dir.truthChange.set(sid, { eventId: e.eventId, at: e.occurredAt });
      dir.closures.delete(sid);
      dir.refs.delete(sid);
      dir.changed = [sid];
      return;
    }
    case 'PrincipalDeleted': {
      const { sid } = event.data;
      touch(dir, sid, e);
      const p = dir.principals.get(sid);
      if (p) p.deleted = true;
      if (p && dir.byName.get(p.name.toLowerCase()) === sid)
        dir.byName.delete(p.name.toLowerCase());
      for (const g of dir.memberOf.get(sid) ?? []) dir.members.get(g)?.delete(sid);
      for (const m of dir.members.get(sid) ?? []) dir.memberOf.get(m)?.delete(sid);
      dir.memberOf.delete(sid);
      dir.members.delete(sid);
      return;
    }
    case 'MemberAdded':
    case 'MemberRemoved':
    case 'BaselineMembershipObserved': {
      const add = event.type !== 'MemberRemoved';
      const { groupSid, memberSid } = event.data;
      link(dir.members, groupSid, memberSid, add);
      link(dir.memberOf, memberSid, groupSid, add);
      touch(dir, memberSid, e);
      const key = evidenceKey(memberSid, groupSid);
      const heldBeforeLog =
        event.type === 'BaselineMembershipObserved' || dir.evidence.get(key)?.heldBeforeLog;
      dir.evidence.set(key, {
        kind:
          event.type === 'MemberAdded'
            ? 'added'
            : event.type === 'MemberRemoved'
              ? 'removed'
              : 'baseline',
        eventId: e.eventId,
        at: e.occurredAt,
        record: event.data.record ?? null,
        ...(heldBeforeLog ? { heldBeforeLog } : {}),
      });
      return;
    }
    case 'PrincipalKindObserved': {
      const p = dir.principals.get(event.data.sid);
      if (p) p.kind = event.data.kind;
      touch(dir, event.data.sid, e);
      return;
    }
    case 'PrimaryGroupChanged': {
      const p = dir.principals.get(event.data.sid);
      if (p) p.primaryGroupRid = event.data.rid;
      dir.primaryGroups.add(`${dir.sid}-${event.data.rid}`);
      touch(dir, event.data.sid, e);
      return;
    }
    case 'AccountEnabledChanged': {
      const p = dir.principals.get(event.data.sid);
      if (p) p.disabled = !event.data.enabled;
      return;
    }
    case 'SidHistoryAdded': {
      const p = dir.principals.get(event.data.principalSid);
      if (p && !p.sidHistory.includes(event.data.sid)) p.sidHistory.push(event.data.sid);
      touch(dir, event.data.principalSid, e);
      return;
    }
    case 'PrincipalNamed': {
      const p = dir.principals.get(event.data.sid);
      if (!p) return;
      if (dir.byName.get(p.name.toLowerCase()) === p.sid) dir.byName.delete(p.name.toLowerCase());
      if (p.name !== p.sid) p.formerNames.push(p.name);
      p.name = event.data.name;
      dir.byName.set(p.name.toLowerCase(), p.sid);
      // Copies made from now on carry the new name; what truth says changes only in names, so
      // the time truth last changed (staleness) stays.
      invalidate(dir, p.sid);
      return;
    }
    case 'GroupTypeChanged': {
      const p = dir.principals.get(event.data.sid);
      if (p) p.security = event.data.security;
      touch(dir, event.data.sid, e);
      return;
    }
    case 'SimulationPolicyChanged':
      dir.policy = { ...dir.policy, ...event.data.policy };
      return;
    default: {
      const never: never = event;
      throw new Error(`unhandled directory event ${JSON.stringify(never)}`);
    }
  }
}
