/**
 * Every named setting of SEMANTICS.md with its default. A scenario overrides them for the
 * whole simulation, a computer for itself; `setPolicy` changes them from a moment on.
 * Durations are milliseconds.
 */
export interface Policy {
  /** §3 logon cache capacity in distinct users; 0 disables the cache. */
  cachedLogonsCount: number;
  /** §3 build the interactive token from the cache entry even when a DC is reachable. */
  tokenFromLogonCache: boolean;
  /** §3 the verifier the cache stores: MD4 of MD4 up to Windows 2003, iterated SHA-1 from Vista. */
  logonCacheVerifier: 'mscache-v1' | 'mscache-v2';
  /** §4 split an administrator's interactive logon into limited and elevated halves. */
  uac: boolean;
  /** §2 a token that would hold more SIDs is not built. */
  maxTokenSids: number;
  /** §5 lifetime of TGTs and service tickets. */
  maxTicketAge: number;
  /** §5 how long after issuance an expired TGT may still be renewed instead of re-requested. */
  maxRenewAge: number;
  /** §5 renewing a TGT copies a fresh PAC (false: the PAC is kept). */
  renewRefreshesPac: boolean;
  /** §8 an SMB session unused this long is closed by the client. */
  smbIdleTimeout: number;
  /** §9 lifetime of a Basic-authentication token cache entry (IIS UserTokenTTL). */
  basicTokenTtl: number;
}

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  cachedLogonsCount: 10,
  tokenFromLogonCache: true,
  logonCacheVerifier: 'mscache-v2',
  uac: true,
  maxTokenSids: 1025,
  maxTicketAge: 10 * 3_600_000,
  maxRenewAge: 7 * 86_400_000,
  renewRefreshesPac: false,
  smbIdleTimeout: 10 * 60_000,
  basicTokenTtl: 15 * 60_000,
});

export const POLICY_NAMES = Object.keys(DEFAULT_POLICY) as ReadonlyArray<keyof Policy>;

export const DURATION_POLICIES: ReadonlySet<keyof Policy> = new Set([
  'maxTicketAge',
  'maxRenewAge',
  'smbIdleTimeout',
  'basicTokenTtl',
]);

/** Defaults, then the simulation's overrides, then the machine's. */
export function effectivePolicy(
  simulation: Partial<Policy>,
  machine: Partial<Policy> = {},
): Policy {
  return { ...DEFAULT_POLICY, ...simulation, ...machine };
}
