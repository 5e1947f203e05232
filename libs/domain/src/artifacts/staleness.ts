import { groupNames, membershipDifference, type Membership } from '../directory/membership';

export interface Staleness {
  missing: string[];
  lingering: string[];
  since: string;
}

/**
 * SEMANTICS.md §11: an artifact is stale when its groups differ from its principal's truth now
 * (`truth`, null once the principal is deleted): missing (granted, not yet effective) and lingering
 * (revoked, still effective) apart. It is stale since the later of its birth and the directory
 * change that made truth differ (`truthChangedAt`).
 */
export function staleness(
  copy: { membership: Membership; since: string },
  truth: Membership | null,
  truthChangedAt: string | undefined,
): Staleness | null {
  const { missing, lingering } = truth
    ? membershipDifference(copy.membership, truth)
    : { missing: [], lingering: groupNames(copy.membership) };
  if (missing.length === 0 && lingering.length === 0) return null;
  const changed = truthChangedAt ?? copy.since;
  const since = Date.parse(changed) > Date.parse(copy.since) ? changed : copy.since;
  return { missing, lingering, since: new Date(since).toISOString() };
}
