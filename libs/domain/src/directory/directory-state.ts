import type { RecordRef } from '../observe/observation';
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
  /** Users and computers: the RID of the primary group when a log gave one (4720, 4738). */
  primaryGroupRid?: number;
  /** Disabled by a logged 4725 (and enabled again by 4722). */
  disabled?: boolean;
}

/**
 * How the directory came to hold (or stop holding) one membership: a logged change, or a baseline
 * fact (held since before the log, seen in a token). The evidence model reads it.
 */
export interface MembershipEvidence {
  kind: 'added' | 'removed' | 'baseline';
  eventId: string;
  at: string;
  /** The log record; null for a change a scenario made. */
  record: RecordRef | null;
  /** A baseline fact came first: the member held the group since before the log. */
  heldBeforeLog?: boolean;
}

/** The key of a membership's evidence. */
export const evidenceKey = (memberSid: string, groupSid: string) => `${memberSid}|${groupSid}`;

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
  /** `member|group` → the last evidence of that membership (evidenceKey). */
  evidence: Map<string, MembershipEvidence>;
  /** Groups a log made an account's primary group (PrimaryGroupId): members are implicit. */
  primaryGroups: Set<string>;
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
    evidence: new Map(),
    primaryGroups: new Set(),
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
