import type { Membership } from '../directory/membership';

/**
 * SEMANTICS.md §4: with UAC on, a logon whose token holds one of the machine's local
 * administrator groups becomes two linked logon sessions (limited and elevated). The token
 * being built decides, so a stale cache entry can still make a logon elevated.
 */
export function uacSplitsLogon(
  uac: boolean,
  membership: Membership,
  localAdmins: readonly string[],
): boolean {
  if (!uac) return false;
  const admins = new Set(localAdmins.map((a) => a.toLowerCase()));
  return (
    membership.groups.some((g) => admins.has(g.name.toLowerCase()) || admins.has(g.sid)) ||
    admins.has(membership.principal.name.toLowerCase())
  );
}
