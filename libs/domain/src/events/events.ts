import type { PrincipalKind } from '../directory/directory-state';
import type { Membership } from '../directory/membership';
import type { Ticket } from '../kerberos/ticket';
import type { RecordRef } from '../observe/observation';
import type { Policy, PolicyOverrides } from '../policy';
import type { Auth, Service } from '../schema/names';
import type { LogonType, Token } from '../token/token';

/** The payload shape of every stored event; decode() refuses others. */
export const SCHEMA_VERSION = 2;

/** One of UAC's two linked logon sessions; a logon that is not split has only `limited`. */
export type HalfName = 'limited' | 'elevated';
/** Which artifact the server's (or the local check's) view of the caller came from. */
export type AccessSource =
  | 'process-token'
  | 'smb-session'
  | 'service-ticket'
  | 'connection'
  | 'directory'
  | 'basic-cache'
  | 'delegation-cache';
/** Where the simulation says an observed logon's groups came from. */
export type ExpectedSource = 'logon-cache' | 'directory' | 'observed-tgt' | 'basic-cache';

export interface SidName {
  sid: string;
  name: string | null;
}

type E<T extends string, D> = { type: T; data: D };
type Recorded = { record?: RecordRef };
type MemberChange = { group: string; groupSid: string; member: string; memberSid: string };

/** Facts of the directory (the Domain aggregate). */
export type DomainEvent =
  | E<'DomainCreated', { name: string; sid: string; policy: PolicyOverrides }>
  | E<
      'PrincipalCreated',
      {
        kind: PrincipalKind;
        name: string;
        sid: string;
        scope?: string;
        security?: boolean;
      } & Recorded
    >
  | E<'PrincipalNamed', { sid: string; name: string; previous: string } & Recorded>
  | E<'GroupTypeChanged', { sid: string; name: string; security: boolean } & Recorded>
  | E<'PrincipalDeleted', { name: string; sid: string } & Recorded>
  | E<'MemberAdded', MemberChange & Recorded>
  | E<'MemberRemoved', MemberChange & Recorded>
  | E<'SidHistoryAdded', { principal: string; principalSid: string; sid: string } & Recorded>
  | E<'SimulationPolicyChanged', { policy: PolicyOverrides }>;

type ObservedOn = { machine: string; record: RecordRef };

/** Facts of one computer (the Machine aggregate), simulated or read from its logs. */
export type MachineEvent =
  | E<
      'MachineProvisioned',
      { machine: string; machineSid: string; policy: PolicyOverrides; localAdmins: string[] }
    >
  | E<
      'MachineBooted',
      {
        machine: string;
        boot: number;
        reason: 'start' | 'restart';
        systemToken: Token;
        computerTgt: Ticket | null;
        endedSessions: string[];
      }
    >
  | E<'MachineShutDown', { machine: string; endedSessions: string[] }>
  | E<'DcReachabilityChanged', { machine: string; reachable: boolean }>
  | E<'MachinePolicyChanged', { machine: string; policy: PolicyOverrides }>
  | E<
      'LogonCacheRefreshed',
      {
        machine: string;
        user: string;
        userSid: string;
        membership: Membership;
        verifier: Policy['logonCacheVerifier'];
        evicted: { user: string; userSid: string } | null;
      }
    >
  | E<'ComputerTicketsPurged', { machine: string }>
  | E<
      'ServiceRestarted',
      { machine: string; service: string; epoch: number; closedConnections: string[] }
    >
  | E<'MachineObserved', ObservedOn>
  | E<'MachineStartObserved', ObservedOn>
  | E<'MachineStopObserved', ObservedOn>
  | E<
      'LogonObserved',
      ObservedOn & {
        logonId: string;
        user: string;
        userSid: string;
        logonType: number;
        authPackage: string;
        elevated: boolean | null;
        expected: Membership | null;
        expectedSource: ExpectedSource;
      }
    >
  | E<
      'TokenGroupsObserved',
      ObservedOn & { logonId: string; user: string; userSid: string; sids: string[] }
    >
  | E<
      'TokenDivergenceFound',
      ObservedOn & {
        logonId: string;
        user: string;
        userSid: string;
        expectedSource: ExpectedSource;
        more: SidName[];
        less: SidName[];
      }
    >
  | E<'LogoffObserved', ObservedOn & { logonId: string }>
  | E<
      'TicketObserved',
      ObservedOn & {
        ticket: 'tgt' | 'service' | 'renewal';
        user: string;
        userSid: string | null;
        service: string | null;
        transmittedServices: string[];
        status: string;
        pac: Membership | null;
      }
    >
  | E<'SecurityEventRecorded', ObservedOn & { summary: string; fields: Record<string, string> }>;

/** Facts of one interactive logon and everything it holds (the Session aggregate). */
export type SessionEvent =
  | E<
      'LoggedOn',
      {
        session: string;
        user: string;
        userSid: string;
        machine: string;
        machineBoot: number;
        logonType: LogonType;
        source: 'logon-cache' | 'directory';
        offline: boolean;
        halves: HalfName[];
        token: Token;
      }
    >
  | E<
      'LogonDenied',
      {
        session: string;
        user: string;
        machine: string;
        reason: 'sid-limit' | 'no-cache-entry';
        sidCount?: number;
        limit?: number;
      }
    >
  | E<'TgtIssued', { session: string; halves: HalfName[]; ticket: Ticket }>
  | E<'TgtRenewed', { session: string; half: HalfName; ticket: Ticket }>
  | E<'ServiceTicketIssued', { session: string; half: HalfName; ticket: Ticket }>
  | E<'TicketsPurged', { session: string; half: HalfName }>
  | E<
      'ProcessStarted',
      { session: string; process: string; half: HalfName; com: boolean; token: Token }
    >
  | E<'ProcessEnded', { session: string; process: string; closedConnections: string[] }>
  | E<
      'SmbSessionOpened',
      {
        session: string;
        half: HalfName;
        server: string;
        serverBoot: number;
        auth: Auth;
        membership: Membership;
      }
    >
  | E<
      'ConnectionOpened',
      {
        session: string;
        half: HalfName;
        process: string | null;
        connection: string;
        server: string;
        service: Service;
        auth: Auth;
        serverBoot: number;
        serviceEpoch: number;
        membership: Membership;
        source: AccessSource;
      }
    >
  | E<'ConnectionClosed', { session: string; connection: string }>
  | E<
      'AccessMade',
      {
        access: string | null;
        session: string;
        half: HalfName;
        process: string | null;
        machine: string;
        server: string;
        service: Service;
        auth: Auth | null;
        connection: string | null;
        delegateTo: string | null;
        membership: Membership | null;
        /** The token the server (or the local check) built, by logon type (`accessSids`). */
        tokenType: LogonType | null;
        source: AccessSource | null;
        denied: boolean;
        reason?: string;
      }
    >
  | E<'LoggedOff', { session: string; endedProcesses: string[]; closedConnections: string[] }>;

type CacheEntry = {
  server: string;
  serverBoot: number;
  user: string;
  userSid: string;
  membership: Membership;
  expiresAt: string;
};

/** A server's in-memory credential caches (the ServerCache aggregate). */
export type ServerCacheEvent =
  E<'BasicTokenCached', CacheEntry> | E<'DelegationTicketCached', CacheEntry & { backend: string }>;

export type SimEvent = DomainEvent | MachineEvent | SessionEvent | ServerCacheEvent;
export type SimEventType = SimEvent['type'];
export type EventOf<T extends SimEventType> = Extract<SimEvent, { type: T }>;
export type DataOf<T extends SimEventType> = EventOf<T>['data'];
