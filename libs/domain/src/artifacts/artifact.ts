import type { Membership } from '../directory/membership';
import { membershipSids } from '../directory/membership';
import type { SimEvent } from '../events/events';
import { buildToken, tokenSids, type LogonType } from '../token/token';

export type ArtifactKind =
  | 'logon-cache'
  | 'session-token'
  | 'process-token'
  | 'tgt'
  | 'service-ticket'
  | 'smb-session'
  | 'connection'
  | 'system-token'
  | 'computer-tgt'
  | 'basic-cache'
  | 'delegation-cache';

/** One live credential artifact at a moment: what it carries and the event it came from. */
export interface Artifact {
  kind: ArtifactKind;
  id: string;
  principal: string;
  principalSid: string;
  /** Where it lives: the client machine, or the server for server-side copies. */
  machine: string;
  membership: Membership;
  /** The logon type of the token it is, or null for a ticket or a logon-cache entry. */
  tokenType: LogonType | null;
  since: string;
  /** When it stops existing by itself, where that is known (ticket expiry, idle SMB, cache TTL). */
  expiresAt?: string;
  eventId: string;
}

/**
 * SEMANTICS.md §8: what a server holds for a connection, an SMB session or a cache entry is a
 * network logon token built from the membership it copied.
 */
export function isNetworkToken(kind: ArtifactKind): boolean {
  return (
    kind === 'smb-session' ||
    kind === 'connection' ||
    kind === 'basic-cache' ||
    kind === 'delegation-cache'
  );
}

/** Every SID an artifact carries: a token's own (well-known ones included), else its copy's. */
export function artifactSids(a: Pick<Artifact, 'membership' | 'tokenType'>): string[] {
  return a.tokenType
    ? tokenSids(buildToken(a.membership, a.tokenType))
    : membershipSids(a.membership);
}

/**
 * The membership an event copied, wherever its payload keeps it (tokens, tickets, cache entries,
 * views).
 */
export function membershipOf(event: SimEvent): Membership | null {
  switch (event.type) {
    case 'LoggedOn':
    case 'ProcessStarted':
      return event.data.token.membership;
    case 'MachineBooted':
      return event.data.systemToken.membership;
    case 'TgtIssued':
    case 'TgtRenewed':
    case 'ServiceTicketIssued':
      return event.data.ticket.pac;
    case 'LogonCacheRefreshed':
    case 'SmbSessionOpened':
    case 'ConnectionOpened':
    case 'AccessMade':
    case 'BasicTokenCached':
    case 'DelegationTicketCached':
      return event.data.membership;
    case 'LogonObserved':
      return event.data.expected;
    case 'TicketObserved':
      return event.data.pac;
    case 'DomainCreated':
    case 'PrincipalCreated':
    case 'PrincipalNamed':
    case 'GroupTypeChanged':
    case 'PrincipalDeleted':
    case 'MemberAdded':
    case 'MemberRemoved':
    case 'SidHistoryAdded':
    case 'SimulationPolicyChanged':
    case 'PrincipalKindObserved':
    case 'PrimaryGroupChanged':
    case 'AccountEnabledChanged':
    case 'BaselineMembershipObserved':
    case 'MachineProvisioned':
    case 'MachineShutDown':
    case 'DcReachabilityChanged':
    case 'MachinePolicyChanged':
    case 'ComputerTicketsPurged':
    case 'ServiceRestarted':
    case 'MachineObserved':
    case 'MachineStartObserved':
    case 'MachineStopObserved':
    case 'TokenGroupsObserved':
    case 'TokenDivergenceFound':
    case 'LogoffObserved':
    case 'SecurityEventRecorded':
    case 'LogonDenied':
    case 'TicketsPurged':
    case 'ProcessEnded':
    case 'ConnectionClosed':
    case 'LoggedOff':
      return null;
    default: {
      const never: never = event;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}
