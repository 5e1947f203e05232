import { directoryTruth } from '../directory/directory-truth';
import { groupNames, membershipDifference } from '../directory/membership';
import type { World } from '../world/world-state';
import type { Artifact } from './artifact';

export interface Staleness {
  missing: string[];
  lingering: string[];
  since: string;
}

/**
 * SEMANTICS.md §11: an artifact is stale when its groups differ from its principal's truth now:
 * missing (granted, not yet effective) and lingering (revoked, still effective) apart. It is
 * stale since the later of its birth and the directory change that made truth differ.
 */
export function staleness(world: World, a: Artifact): Staleness | null {
  const truth = directoryTruth(world.directory, a.principalSid);
  const { missing, lingering } = truth
    ? membershipDifference(a.membership, truth)
    : { missing: [], lingering: groupNames(a.membership) };
  if (missing.length === 0 && lingering.length === 0) return null;
  const changed = world.directory.truthChange.get(a.principalSid)?.at ?? a.since;
  const since = Date.parse(changed) > Date.parse(a.since) ? changed : a.since;
  return { missing, lingering, since: new Date(since).toISOString() };
}
