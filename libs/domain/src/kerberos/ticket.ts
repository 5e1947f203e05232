import type { Membership } from '../directory/membership';

/** A Kerberos ticket: its PAC is a copy of the membership at issuance (TGT) or of its TGT's PAC (service ticket). */
export interface Ticket {
  id: string;
  /** `krbtgt` for a TGT, else the SPN (`cifs/FS1`, `http/WEB1`). */
  spn: string;
  pac: Membership;
  issuedAt: string;
  expiresAt: string;
  /** TGTs only: the last moment an expired TGT may be renewed. */
  renewUntil?: string;
  /** The event that issued (or last renewed) it: lineage starts here. */
  eventId: string;
}

/** A ticket is usable until it expires; expiry is computed at the moment asked (SEMANTICS.md §12). */
export function ticketValid(ticket: Ticket, at: string): boolean {
  return Date.parse(at) < Date.parse(ticket.expiresAt);
}

export type TgtAtRequest = { use: Ticket } | { renew: Ticket } | { request: true };

/**
 * What a logon session does for a TGT when it needs a service ticket (SEMANTICS.md §5): use a
 * valid one, renew an expired one still within its renewal life, else request a new one.
 */
export function tgtAtRequest(tgt: Ticket | null, at: string): TgtAtRequest {
  if (tgt && ticketValid(tgt, at)) return { use: tgt };
  if (tgt?.renewUntil && Date.parse(at) < Date.parse(tgt.renewUntil)) return { renew: tgt };
  return { request: true };
}

/** A service ticket lives maxTicketAge, but never beyond the TGT it came from. */
export function serviceTicketExpiry(tgt: Ticket, at: string, maxTicketAge: number): string {
  return new Date(Math.min(Date.parse(at) + maxTicketAge, Date.parse(tgt.expiresAt))).toISOString();
}

export function addMs(at: string, ms: number): string {
  return new Date(Date.parse(at) + ms).toISOString();
}
