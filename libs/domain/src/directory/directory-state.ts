import type { Policy } from '../policy';

export type PrincipalKind = 'user' | 'group' | 'computer';

export interface Principal {
  kind: PrincipalKind;
  name: string;
  sid: string;
  sidHistory: string[];
  deleted: boolean;
  /** Machine-local principals (a member server's own users and groups) name their machine. */
  scope?: string;
  /** Groups: false for a distribution group, which never enters a token. */
  security?: boolean;
}

/**
 * The directory of one simulation, folded from its Domain stream. Mutable: it is owned by the
 * fold that builds it, and decisions only read it.
 */
export interface DirectoryState {
  name: string;
  sid: string;
  policy: Partial<Policy>;
  nextRid: number;
  principals: Map<string, Principal>;
  /** Lower-cased name → SID (live principals only). */
  byName: Map<string, string>;
  /** Group SID → direct member SIDs. */
  members: Map<string, Set<string>>;
  /** Member SID → direct group SIDs. */
  memberOf: Map<string, Set<string>>;
  /** Principal SID → id of the last directory event that changed its transitive groups. */
  truthEvent: Map<string, string>;
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
    truthEvent: new Map(),
  };
}

/** A live principal by name (case-insensitive, as Windows compares names) or by SID. */
export function findPrincipal(dir: DirectoryState, nameOrSid: string): Principal | undefined {
  const sid =
    dir.byName.get(nameOrSid.toLowerCase()) ??
    (dir.principals.has(nameOrSid.toUpperCase()) ? nameOrSid.toUpperCase() : undefined);
  const p = sid ? dir.principals.get(sid) : undefined;
  return p && !p.deleted ? p : undefined;
}
