import type { Membership } from '../directory/membership';
import { membershipSids } from '../directory/membership';
import { WELL_KNOWN } from '../sids';

export type LogonType = 'interactive' | 'rdp' | 'network' | 'service';

/**
 * An access token: never changes after it is built (SEMANTICS.md §2). Its SIDs follow from its
 * membership and logon type (`tokenSids`), so events and state keep only those two.
 */
export interface Token {
  logonType: LogonType;
  membership: Membership;
}

/** The well-known SIDs a token of each logon type carries (SEMANTICS.md §2 table). */
export function wellKnownSidsOfLogonType(type: LogonType): string[] {
  const base = [WELL_KNOWN.everyone, WELL_KNOWN.authenticatedUsers, WELL_KNOWN.thisOrganization];
  switch (type) {
    case 'interactive':
      return [...base, WELL_KNOWN.interactive, WELL_KNOWN.local];
    case 'rdp':
      return [...base, WELL_KNOWN.interactive, WELL_KNOWN.local, WELL_KNOWN.remoteInteractive];
    case 'network':
      return [...base, WELL_KNOWN.network];
    case 'service':
      return [
        WELL_KNOWN.localSystem,
        WELL_KNOWN.everyone,
        WELL_KNOWN.authenticatedUsers,
        WELL_KNOWN.service,
      ];
  }
}

/**
 * Token assembly: the source's principal and groups with their SID histories, plus the logon type's
 * well-known SIDs.
 */
export function buildToken(membership: Membership, logonType: LogonType): Token {
  return { logonType, membership };
}

/**
 * Every SID a token carries: its principal's and groups' (with histories), then the well-known
 * ones.
 */
export function tokenSids(token: Token): string[] {
  return [
    ...new Set([...membershipSids(token.membership), ...wellKnownSidsOfLogonType(token.logonType)]),
  ];
}

/**
 * SID limit (policy maxTokenSids): a token holding more SIDs is not built and the logon is denied.
 */
export function tokenWithinSidLimit(token: Token, maxTokenSids: number): boolean {
  return tokenSids(token).length <= maxTokenSids;
}
