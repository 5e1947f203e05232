import type { CacheEntryState } from '../world/world-state';

/**
 * SEMANTICS.md §9: a Basic-auth token cache entry lives basicTokenTtl from when it was cached,
 * a delegation-cache entry until its tickets expire; both die only with the server OS
 * (a restart of the service is not enough, and closing connections does not purge them).
 */
export function serverCacheEntryLive(
  entry: CacheEntryState | undefined,
  at: string,
  serverBoot: number | null,
): entry is CacheEntryState {
  if (!entry || serverBoot === null || entry.serverBoot !== serverBoot) return false;
  return Date.parse(at) < Date.parse(entry.expiresAt);
}
