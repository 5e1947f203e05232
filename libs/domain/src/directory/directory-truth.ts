import { RID } from '../sids';
import type { DirectoryState, Principal } from './directory-state';
import type { Membership, PrincipalRef } from './membership';

/** Groups in a membership are in name order (as `localeCompare` orders them, without its cost). */
const byName = new Intl.Collator();

/**
 * A principal as copies name it: one shared object per principal until its name or history
 * changes.
 */
function ref(dir: DirectoryState, p: Principal): PrincipalRef {
  let r = dir.refs.get(p.sid);
  if (!r) dir.refs.set(p.sid, (r = { name: p.name, sid: p.sid, sidHistory: [...p.sidHistory] }));
  return r;
}

/**
 * Users are implicitly in Domain Users, computers in Domain Computers (their primary group), unless
 * a log gave another primary group (PrimaryGroupId).
 */
export function implicitGroupSid(dir: DirectoryState, principal: Principal): string | null {
  if (principal.scope || !dir.sid || !principal.sid.startsWith(`${dir.sid}-`)) return null;
  if (principal.primaryGroupRid !== undefined && principal.kind !== 'group')
    return `${dir.sid}-${principal.primaryGroupRid}`;
  if (principal.kind === 'user') return `${dir.sid}-${RID.domainUsers}`;
  if (principal.kind === 'computer') return `${dir.sid}-${RID.domainComputers}`;
  return null;
}

/**
 * Directory truth (SEMANTICS.md §1): the transitive closure of a principal's groups. Nesting is
 * followed breadth-first with a visited set, so cycles terminate.
 */
export function directoryTruth(dir: DirectoryState, principalSid: string): Membership | null {
  const principal = dir.principals.get(principalSid);
  if (!principal || principal.deleted) return null;
  const known = dir.closures.get(principalSid);
  if (known) return known;
  const seen = new Set<string>();
  const queue: string[] = [...(dir.memberOf.get(principalSid) ?? [])];
  const implicit = implicitGroupSid(dir, principal);
  if (implicit) queue.push(implicit);
  for (let i = 0; i < queue.length; i++) {
    const sid = queue[i];
    if (seen.has(sid) || sid === principalSid) continue;
    const group = dir.principals.get(sid);
    // Distribution groups never enter tokens; a machine's local groups belong to its own directory.
    if (
      !group ||
      group.deleted ||
      group.security === false ||
      (group.scope ?? null) !== (principal.scope ?? null)
    ) {
      continue;
    }
    seen.add(sid);
    for (const parent of dir.memberOf.get(sid) ?? []) queue.push(parent);
  }
  const groups = [...seen]
    .map((sid) => ref(dir, dir.principals.get(sid) as Principal))
    .sort((a, b) => byName.compare(a.name, b.name));
  const truth = { principal: ref(dir, principal), groups };
  dir.closures.set(principalSid, truth);
  return truth;
}

/**
 * Every principal whose truth includes `sid` through nesting (and `sid` itself): who a change to it
 * affects.
 */
export function transitiveMembers(dir: DirectoryState, sid: string): Set<string> {
  const out = new Set<string>([sid]);
  const queue = [sid];
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i];
    const direct = new Set(dir.members.get(current) ?? []);
    // Primary-group members are implicit: every user (or computer) is under Domain Users
    // (Computers), or the primary group a log gave it.
    if (
      current === `${dir.sid}-${RID.domainUsers}` ||
      current === `${dir.sid}-${RID.domainComputers}` ||
      dir.primaryGroups.has(current)
    ) {
      for (const p of dir.principals.values()) {
        if (!p.deleted && implicitGroupSid(dir, p) === current) direct.add(p.sid);
      }
    }
    for (const m of direct) {
      if (!out.has(m)) {
        out.add(m);
        queue.push(m);
      }
    }
  }
  return out;
}
