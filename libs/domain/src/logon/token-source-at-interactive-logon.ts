import type { Policy } from '../policy';

export type TokenSource =
  { source: 'logon-cache' | 'directory'; offline: boolean } | { denied: 'no-cache-entry' };

/**
 * SEMANTICS.md §3: the token comes from the logon-cache entry when one exists (policy
 * tokenFromLogonCache), even when a DC is reachable; only without an entry from directory
 * truth. Offline, the cache is the only source, and without an entry the logon fails.
 */
export function tokenSourceAtInteractiveLogon(input: {
  hasCacheEntry: boolean;
  dcReachable: boolean;
  policy: Pick<Policy, 'tokenFromLogonCache'>;
}): TokenSource {
  const { hasCacheEntry, dcReachable, policy } = input;
  if (!dcReachable)
    return hasCacheEntry ? { source: 'logon-cache', offline: true } : { denied: 'no-cache-entry' };
  return {
    source: hasCacheEntry && policy.tokenFromLogonCache ? 'logon-cache' : 'directory',
    offline: false,
  };
}
