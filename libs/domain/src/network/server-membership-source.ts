import type { Auth, Service } from '../schema/names';

export type NewConnectionSource = 'service-ticket' | 'directory' | 'basic-cache';

/**
 * SEMANTICS.md §8 table: where the server's membership comes from for a new connection.
 * Kerberos: the PAC of the client's service ticket; NTLM and Schannel: directory truth now
 * (the server asks a DC); Basic / LDAP simple bind: the server's token cache, else truth.
 */
export function membershipSourceForNewConnection(auth: Auth): NewConnectionSource {
  switch (auth) {
    case 'kerberos':
      return 'service-ticket';
    case 'ntlm':
    case 'schannel':
      return 'directory';
    case 'basic':
      return 'basic-cache';
    default: {
      const never: never = auth;
      throw new Error(`unknown auth ${String(never)}`);
    }
  }
}

/**
 * SEMANTICS.md §8: HTTP with Kerberos authenticates every request with the current service
 * ticket; every other protocol authenticates a connection once, when it starts.
 */
export function authenticatesEveryRequest(service: Service, auth: Auth): boolean {
  return service === 'http' && auth === 'kerberos';
}

/** The SPN a service ticket for this access is requested for. */
export function spnFor(service: Service, server: string): string {
  const prefix: Record<Service, string> = {
    smb: 'cifs',
    http: 'http',
    ldap: 'ldap',
    smtp: 'smtp',
    pop3: 'pop',
    rpc: 'host',
    sql: 'MSSQLSvc',
    file: 'host',
  };
  return `${prefix[service]}/${server}`;
}
