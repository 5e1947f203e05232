import type { DomainEvent } from '../events';
import { RID, IMPLICIT_GROUPS } from '../sids';
import type { DirectoryState } from './directory-state';
import { transitiveMembers } from './directory-truth';

function link(map: Map<string, Set<string>>, from: string, to: string, add: boolean): void {
  const set = map.get(from) ?? new Set<string>();
  if (add) set.add(to);
  else set.delete(to);
  map.set(from, set);
}

/** Marks every principal whose transitive groups may change because of `sid`. */
function touch(dir: DirectoryState, sid: string, eventId: string): void {
  for (const affected of transitiveMembers(dir, sid)) dir.truthEvent.set(affected, eventId);
}

/** Folds one directory event into the directory (in place). */
export function evolveDirectory(dir: DirectoryState, event: DomainEvent, eventId: string): void {
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
        });
        dir.byName.set(g.name.toLowerCase(), sid);
        dir.truthEvent.set(sid, eventId);
      }
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
        ...(scope ? { scope } : {}),
        ...(security === false ? { security } : {}),
      });
      dir.byName.set(name.toLowerCase(), sid);
      const rid = Number(sid.slice(sid.lastIndexOf('-') + 1));
      if (dir.sid && sid.startsWith(`${dir.sid}-`) && rid >= dir.nextRid) dir.nextRid = rid + 1;
      dir.truthEvent.set(sid, eventId);
      return;
    }
    case 'PrincipalDeleted': {
      const { sid } = event.data;
      touch(dir, sid, eventId);
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
    case 'MemberRemoved': {
      const add = event.type === 'MemberAdded';
      const { groupSid, memberSid } = event.data;
      link(dir.members, groupSid, memberSid, add);
      link(dir.memberOf, memberSid, groupSid, add);
      touch(dir, memberSid, eventId);
      return;
    }
    case 'SidHistoryAdded': {
      const p = dir.principals.get(event.data.principalSid);
      if (p && !p.sidHistory.includes(event.data.sid)) p.sidHistory.push(event.data.sid);
      touch(dir, event.data.principalSid, eventId);
      return;
    }
    case 'PrincipalNamed': {
      const p = dir.principals.get(event.data.sid);
      if (!p) return;
      if (dir.byName.get(p.name.toLowerCase()) === p.sid) dir.byName.delete(p.name.toLowerCase());
      p.name = event.data.name;
      dir.byName.set(p.name.toLowerCase(), p.sid);
      return;
    }
    case 'GroupTypeChanged': {
      const p = dir.principals.get(event.data.sid);
      if (p) p.security = event.data.security;
      touch(dir, event.data.sid, eventId);
      return;
    }
    case 'SimulationPolicyChanged':
      dir.policy = { ...dir.policy, ...event.data.policy };
      return;
  }
}
