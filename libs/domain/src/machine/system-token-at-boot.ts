import type { Membership } from '../directory/membership';
import { buildToken, type Token } from '../token/token';

/**
 * SEMANTICS.md §6: at boot the system token (SYSTEM, Network Service, NT SERVICE\*, IIS APPPOOL\*)
 * is built from the computer account's directory truth, and changes only at the next restart.
 */
export function systemTokenAtBoot(computerTruth: Membership): Token {
  return buildToken(computerTruth, 'service');
}
