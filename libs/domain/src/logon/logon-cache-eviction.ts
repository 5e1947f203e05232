import type { LogonCacheEntry } from '../world/world-state';

/**
 * SEMANTICS.md §3: the cache holds `cachedLogonsCount` distinct users; writing a new user's entry
 * into a full cache evicts the least recently used one. Returns the entry to evict, if any.
 * (A capacity of 0 disables the cache: callers write nothing then.)
 */
export function logonCacheEviction(
  cache: ReadonlyMap<string, LogonCacheEntry>,
  userSid: string,
  capacity: number,
): LogonCacheEntry | null {
  if (cache.has(userSid) || cache.size < capacity) return null;
  let oldest: LogonCacheEntry | null = null;
  for (const entry of cache.values())
    if (!oldest || entry.lastUsed < oldest.lastUsed) oldest = entry;
  return oldest;
}
