import type { PrincipalKind } from '../directory/directory-state';

/** Domain Computers, Domain Controllers, Read-only Domain Controllers. */
const COMPUTER_PRIMARY_GROUPS = new Set([515, 516, 521]);

/**
 * What an account is, by its primary group (PrimaryGroupId of 4720, 4738, 4741, 4742): computers
 * are in Domain Computers or a domain controllers' group, anything else is a user's. A name that
 * ends in `$` says nothing: users may have one.
 */
export function accountKindOfPrimaryGroup(rid: number): Exclude<PrincipalKind, 'group'> {
  return COMPUTER_PRIMARY_GROUPS.has(rid) ? 'computer' : 'user';
}

/** The primary group an account has when no log says otherwise. */
export function defaultPrimaryGroup(kind: PrincipalKind): number | null {
  return kind === 'user' ? 513 : kind === 'computer' ? 515 : null;
}
