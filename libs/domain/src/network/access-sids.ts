import type { Membership } from '../directory/membership';
import { buildToken, tokenSids, type LogonType } from '../token/token';

/**
 * The SIDs an access was checked against: the token the server built (network) or the process's
 * own token (local), from the membership it saw. A denied access saw none.
 */
export function accessSids(access: {
  membership: Membership | null;
  tokenType: LogonType | null;
}): string[] {
  if (!access.membership || !access.tokenType) return [];
  return tokenSids(buildToken(access.membership, access.tokenType));
}
