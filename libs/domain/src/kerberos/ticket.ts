import type { Membership } from '../directory/membership';

/**
 * A Kerberos ticket: its PAC is a copy of the membership at issuance (TGT) or of its TGT's PAC
 * (service ticket).
 */
export interface Ticket {
  /** `krbtgt` for a TGT, else the SPN (`cifs/FS1`, `http/WEB1`). */
  spn: string;
  pac: Membership;
  issuedAt: string;
  expiresAt: string;
  /** TGTs only: the last moment an expired TGT may be renewed. */
  renewUntil?: string;
}

/**
 * A ticket is usable until it expires; expiry is computed at the moment asked (SEMANTICS.md §12).
 */
export function ticketValid(ticket: Ticket, at: string): boolean {
  return Date.parse(at) < Date.parse(ticket.expiresAt);
}

export type TgtAtRequest<T extends Ticket> = { use: T } | { renew: T } | { request: true };

/**
 * What a logon session does for a TGT when it needs a service ticket (SEMANTICS.md §5): use a
 * valid one, renew an expired one still within its renewal life, else request a new one.
 */
export function tgtAtRequest<T extends Ticket>(tgt: T | null, at: string): TgtAtRequest<T> {
  if (tgt && ticketValid(tgt, at)) return { use: tgt };
  if (tgt?.renewUntil && Date.parse(at) < Date.parse(tgt.renewUntil)) return { renew: tgt };
  return { request: true };
}

/** A new TGT (a user's at logon or on request, a computer's at boot): its PAC is truth now. */
export function newTgt(
  pac: Membership,
  at: string,
  maxTicketAge: number,
  maxRenewAge: number,
): Ticket {
  return {
    spn: 'krbtgt',
    pac,
    issuedAt: at,
    expiresAt: addMs(at, maxTicketAge),
    renewUntil: addMs(at, maxRenewAge),
  };
}

/**
 * Renewal (§5): a new lifetime within the renewal life, the PAC kept unless `freshPac` is given.
 */
export function renewedTgt(
  tgt: Ticket,
  at: string,
  maxTicketAge: number,
  freshPac: Membership | null,
): Ticket {
  const expiresAt = new Date(
    Math.min(Date.parse(at) + maxTicketAge, Date.parse(tgt.renewUntil as string)),
  ).toISOString();
  return {
    spn: tgt.spn,
    pac: freshPac ?? tgt.pac,
    issuedAt: tgt.issuedAt,
    expiresAt,
    renewUntil: tgt.renewUntil,
  };
}

/** A service ticket copies its TGT's PAC and lives maxTicketAge, but never beyond that TGT. */
export function serviceTicketFrom(
  tgt: Ticket,
  spn: string,
  at: string,
  maxTicketAge: number,
): Ticket {
  const expiresAt = new Date(
    Math.min(Date.parse(at) + maxTicketAge, Date.parse(tgt.expiresAt)),
  ).toISOString();
  return { spn, pac: tgt.pac, issuedAt: at, expiresAt };
}

export function addMs(at: string, ms: number): string {
  return new Date(Date.parse(at) + ms).toISOString();
}
