/** A principal or group as an artifact copied it: name, SID and SID history at that moment. */
export interface PrincipalRef {
  name: string;
  sid: string;
  sidHistory: string[];
}

/**
 * What every credential artifact copies: a principal and its transitive groups as they were
 * when the copy was made. Tokens, PACs, cache entries and server views all hold one.
 */
export interface Membership {
  principal: PrincipalRef;
  /** Sorted by name. */
  groups: PrincipalRef[];
}

/** The domain group names, sorted: what results print as `groups`. */
export function groupNames(membership: Membership): string[] {
  return membership.groups.map((g) => g.name).sort();
}

/** The principal's SID and history, then each group's SID and history. */
export function membershipSids(membership: Membership): string[] {
  const sids = [membership.principal.sid, ...membership.principal.sidHistory];
  for (const g of membership.groups) sids.push(g.sid, ...g.sidHistory);
  return sids;
}

/** Group SIDs granted by `truth` but absent from `copy` (missing) and the reverse (lingering). */
export function membershipDifference(
  copy: Membership,
  truth: Membership,
): { missing: string[]; lingering: string[] } {
  const have = new Set(copy.groups.map((g) => g.sid));
  const want = new Set(truth.groups.map((g) => g.sid));
  return {
    missing: truth.groups
      .filter((g) => !have.has(g.sid))
      .map((g) => g.name)
      .sort(),
    lingering: copy.groups
      .filter((g) => !want.has(g.sid))
      .map((g) => g.name)
      .sort(),
  };
}
