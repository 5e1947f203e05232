import type { Membership } from '../directory/membership';
import type { ExpectedSource } from '../events/events';
import { tokenSourceAtInteractiveLogon } from '../logon/token-source-at-interactive-logon';
import type { Policy } from '../policy';

/** Windows logon types (4624 LogonType). */
export const LOGON_TYPE = {
  interactive: 2,
  network: 3,
  batch: 4,
  service: 5,
  unlock: 7,
  networkCleartext: 8,
  newCredentials: 9,
  remoteInteractive: 10,
  cachedInteractive: 11,
  cachedRemoteInteractive: 12,
} as const;

export interface ExpectedToken {
  membership: Membership | null;
  source: ExpectedSource;
  /**
   * Whether this logon rewrites the machine's logon-cache entry (a successful online interactive
   * logon).
   */
  refreshesCache: boolean;
  /** Whether the server caches the token (Basic / LDAP simple bind). */
  cachesBasic: boolean;
}

/**
 * What the simulation says a logged logon's token holds, by logon type (SEMANTICS.md §3, §8, §9):
 * interactive and RDP logons from the logon-cache entry if the machine has one, cached logons
 * (11, 12) from it as they are offline, network Kerberos logons from the PAC of the TGT a DC
 * was seen issuing, network cleartext (Basic) from the server's token cache, everything else
 * (NTLM, service, batch) from directory truth at that moment.
 */
export function expectedTokenAtObservedLogon(input: {
  logonType: number;
  authPackage: string;
  truth: Membership | null;
  cacheEntry: Membership | null;
  observedTgtPac: Membership | null;
  basicEntry: Membership | null;
  policy: Pick<Policy, 'tokenFromLogonCache' | 'cachedLogonsCount'>;
}): ExpectedToken {
  const { logonType, truth } = input;
  const none = { refreshesCache: false, cachesBasic: false };
  if (
    logonType === LOGON_TYPE.interactive ||
    logonType === LOGON_TYPE.remoteInteractive ||
    logonType === LOGON_TYPE.cachedInteractive ||
    logonType === LOGON_TYPE.cachedRemoteInteractive
  ) {
    const offline =
      logonType === LOGON_TYPE.cachedInteractive ||
      logonType === LOGON_TYPE.cachedRemoteInteractive;
    const cache = input.policy.cachedLogonsCount > 0 ? input.cacheEntry : null;
    const source = tokenSourceAtInteractiveLogon({
      hasCacheEntry: !!cache,
      dcReachable: !offline,
      policy: input.policy,
    });
    if ('denied' in source) return { membership: null, source: 'logon-cache', ...none };
    return source.source === 'logon-cache'
      ? {
          membership: cache,
          source: 'logon-cache',
          refreshesCache: !offline && input.policy.cachedLogonsCount > 0,
          cachesBasic: false,
        }
      : {
          membership: truth,
          source: 'directory',
          refreshesCache: input.policy.cachedLogonsCount > 0,
          cachesBasic: false,
        };
  }
  if (
    logonType === LOGON_TYPE.network &&
    /kerberos|negotiate/i.test(input.authPackage) &&
    input.observedTgtPac
  ) {
    return { membership: input.observedTgtPac, source: 'observed-tgt', ...none };
  }
  if (logonType === LOGON_TYPE.networkCleartext) {
    return input.basicEntry
      ? { membership: input.basicEntry, source: 'basic-cache', ...none }
      : { membership: truth, source: 'directory', refreshesCache: false, cachesBasic: true };
  }
  return { membership: truth, source: 'directory', ...none };
}
