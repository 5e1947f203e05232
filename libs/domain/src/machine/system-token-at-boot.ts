import type { Membership } from '../directory/membership';
import { addMs, type Ticket } from '../kerberos/ticket';
import { buildToken, type Token } from '../token/token';

/**
 * SEMANTICS.md §6: at boot the system token (SYSTEM, Network Service, NT SERVICE\*, IIS APPPOOL\*)
 * is built from the computer account's directory truth, and changes only at the next restart.
 */
export function systemTokenAtBoot(computerTruth: Membership): Token {
  return buildToken(computerTruth, 'service');
}

/** SEMANTICS.md §6: the computer's own TGT (LUID 0x3e7), obtained at boot when a DC answers. */
export function computerTgt(
  computerTruth: Membership,
  at: string,
  maxTicketAge: number,
  maxRenewAge: number,
  id: string,
  eventId: string,
): Ticket {
  return {
    id,
    spn: 'krbtgt',
    pac: computerTruth,
    issuedAt: at,
    expiresAt: addMs(at, maxTicketAge),
    renewUntil: addMs(at, maxRenewAge),
    eventId,
  };
}
