import { createHash } from 'node:crypto';

/** Well-known SIDs that tokens carry by logon type (SEMANTICS.md §2). */
export const WELL_KNOWN = {
  everyone: 'S-1-1-0',
  local: 'S-1-2-0',
  network: 'S-1-5-2',
  interactive: 'S-1-5-4',
  service: 'S-1-5-6',
  authenticatedUsers: 'S-1-5-11',
  remoteInteractive: 'S-1-5-14',
  thisOrganization: 'S-1-5-15',
  localSystem: 'S-1-5-18',
} as const;

export const RID = {
  domainAdmins: 512,
  domainUsers: 513,
  domainComputers: 515,
  firstAllocated: 1103,
} as const;

export const IMPLICIT_GROUPS = [
  { name: 'Domain Admins', rid: RID.domainAdmins },
  { name: 'Domain Users', rid: RID.domainUsers },
  { name: 'Domain Computers', rid: RID.domainComputers },
] as const;

const DOMAIN_SID = /^S-1-5-21-\d+-\d+-\d+$/;
const ANY_SID = /^S-1(-\d+)+$/;

export function isDomainSid(value: string): boolean {
  return DOMAIN_SID.test(value);
}

export function isSid(value: string): boolean {
  return ANY_SID.test(value);
}

/** The domain part of a SID (`S-1-5-21-a-b-c` of `S-1-5-21-a-b-c-1104`). */
export function domainOf(sid: string): string {
  // The first seven parts (`S-1-5-21-a-b-c`), found without splitting: it runs for every SID.
  let at = -1;
  for (let part = 0; part < 7; part++) {
    at = sid.indexOf('-', at + 1);
    if (at < 0) return sid;
  }
  return sid.slice(0, at);
}

/** A stable domain SID from the domain's name, so the same scenario always gets the same SIDs. */
export function domainSidFromName(name: string): string {
  const digest = createHash('sha256').update(name.toLowerCase()).digest();
  return `S-1-5-21-${digest.readUInt32BE(0)}-${digest.readUInt32BE(4)}-${digest.readUInt32BE(8)}`;
}
