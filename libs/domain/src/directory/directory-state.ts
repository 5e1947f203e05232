import type { PolicyOverrides } from '../policy';
import type { Membership, PrincipalRef } from './membership';

export type PrincipalKind = 'user' | 'group' | 'computer';

export interface Principal {
  kind: PrincipalKind;
  name: string;
  sid: string;
  sidHistory: string[];
  deleted: boolean;
  /** Names it had before a rename (4781), oldest first. */
  formerNames: string[];
  /** Machine-local principals (a member server's own users and groups) name their machine. */
  scope?: string;
  /** Groups: false for a distribution group, which never enters a token. */
  security?: boolean;
}

/** The last directory change that changed a principal's transitive groups, and when. */
export interface TruthChange {
  eventId: string;
  at: string;
}

/**
 * The directory of one simulation, folded from its Domain events. Owned by the fold that builds it.
 */
export interface DirectoryState {
  name: string;
  sid: string;
  policy: PolicyOverrides;
  nextRid: number;
  principals: Map<string, Principal>;
  /** Lower-cased name → SID (live principals only). */
  byName: Map<string, string>;
  /** Group SID → direct member SIDs. */
  members: Map<string, Set<string>>;
  /** Member SID → direct group SIDs. */
  memberOf: Map<string, Set<string>>;
  truthChange: Map<string, TruthChange>;
  /**
   * Derived, never serialized: each principal's truth as last computed (forgotten when a change
   * may alter it), and each principal's shared reference, so that a truth is computed once.
   */
  closures: Map<string, Membership>;
  refs: Map<string, PrincipalRef>;
  /** The principals whose truth the latest directory event may have changed (for projections). */
  changed: readonly string[];
}

export function emptyDirectory(): DirectoryState {
  return {
    name: '',
    sid: '',
    policy: {},
    nextRid: 0,
    principals: new Map(),
    byName: new Map(),
    members: new Map(),
    memberOf: new Map(),
    truthChange: new Map(),
    closures: new Map(),
    refs: new Map(),
    changed: [],
  };
}

/**
 * A principal by name (case-insensitive, as Windows compares names) or by SID. Live ones only,
 * unless `known`: then also a deleted principal, or one named by a name it had before a rename,
 * as a log that mentions it then still does.
 */
export function findPrincipal(
  dir: DirectoryState,
  nameOrSid: string,
  known = false,
): Principal | undefined {
  const lower = nameOrSid.toLowerCase();
  const sid = dir.byName.get(lower) ?? nameOrSid.toUpperCase();
  const p = dir.principals.get(sid);
  if (p && !p.deleted) return p;
  if (!known) return undefined;
  if (p) return p;
  for (const q of dir.principals.values()) {
    if (q.name.toLowerCase() === lower || q.formerNames.some((n) => n.toLowerCase() === lower))
      return q;
  }
  return undefined;
}
