import { fact, type Decided } from '../decider/decided';
import { policyOf } from '../decider/reads';
import type { Membership } from '../directory/membership';
import type { MachineState, World } from '../world/world-state';
import { logonCacheEviction } from './logon-cache-eviction';

/**
 * SEMANTICS.md §3: a successful online interactive logon rewrites the machine's logon-cache entry
 * with truth now, evicting the least recently used user when the cache is full.
 */
export function refreshLogonCache(
  world: World,
  m: MachineState,
  user: { name: string; sid: string },
  truth: { membership: Membership; cause: string | null },
): Decided[] {
  const policy = policyOf(world, m);
  if (policy.cachedLogonsCount <= 0) return [];
  const evicted = logonCacheEviction(m.logonCache, user.sid, policy.cachedLogonsCount);
  return [
    fact(
      {
        type: 'LogonCacheRefreshed',
        data: {
          machine: m.name,
          user: user.name,
          userSid: user.sid,
          membership: truth.membership,
          verifier: policy.logonCacheVerifier,
          evicted: evicted ? { user: evicted.user, userSid: evicted.userSid } : null,
        },
      },
      truth.cause,
    ),
  ];
}
