/**
 * The names Windows gives the well-known accounts and groups of every domain, by RID: a group a
 * log shows only by SID (a token's 4627) is named by it until an event names it.
 */
const NAMES: Record<number, string> = {
  498: 'Enterprise Read-only Domain Controllers',
  500: 'Administrator',
  501: 'Guest',
  502: 'krbtgt',
  512: 'Domain Admins',
  513: 'Domain Users',
  514: 'Domain Guests',
  515: 'Domain Computers',
  516: 'Domain Controllers',
  517: 'Cert Publishers',
  518: 'Schema Admins',
  519: 'Enterprise Admins',
  520: 'Group Policy Creator Owners',
  521: 'Read-only Domain Controllers',
  522: 'Cloneable Domain Controllers',
  525: 'Protected Users',
  526: 'Key Admins',
  527: 'Enterprise Key Admins',
  553: 'RAS and IAS Servers',
  571: 'Allowed RODC Password Replication Group',
  572: 'Denied RODC Password Replication Group',
};

/** The well-known name of a domain SID's RID (`…-519` Enterprise Admins), if it has one. */
export function wellKnownDomainName(sid: string): string | undefined {
  return NAMES[Number(sid.slice(sid.lastIndexOf('-') + 1))];
}
