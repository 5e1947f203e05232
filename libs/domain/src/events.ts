import type { PrincipalKind } from './directory/directory-state';
import type { Membership } from './directory/membership';
import type { Ticket } from './kerberos/ticket';
import type { Policy } from './policy';
import type { RecordRef } from './observe/observation';
import type { LogonType, Token } from './token/token';

export const SCHEMA_VERSION = 1;

/** One of UAC's two linked logon sessions; a logon that is not split has only `limited`. */
export type HalfName = 'limited' | 'elevated';
export type Service = 'smb' | 'http' | 'ldap' | 'smtp' | 'pop3' | 'rpc' | 'sql' | 'file';
export type Auth = 'kerberos' | 'ntlm' | 'schannel' | 'basic';
/** Which artifact the server's (or the local check's) view of the caller came from. */
export type AccessSource =
  | 'process-token'
  | 'smb-session'
  | 'service-ticket'
  | 'connection'
  | 'directory'
  | 'basic-cache'
  | 'delegation-cache';

type E<T extends string, D> = { type: T; data: D };

export type DomainEvent =
  | E<'DomainCreated', { name: string; sid: string; policy: Partial<Policy> }>
  | E<
      'PrincipalCreated',
      {
        kind: PrincipalKind;
        name: string;
        sid: string;
        scope?: string;
        security?: boolean;
        record?: RecordRef;
      }
    >
  | E<'PrincipalNamed', { sid: string; name: string; previous: string; record?: RecordRef }>
  | E<'GroupTypeChanged', { sid: string; name: string; security: boolean; record?: RecordRef }>
  | E<'PrincipalDeleted', { name: string; sid: string; record?: RecordRef }>
  | E<
      'MemberAdded',
      { group: string; groupSid: string; member: string; memberSid: string; record?: RecordRef }
    >
  | E<
      'MemberRemoved',
      { group: string; groupSid: string; member: string; memberSid: string; record?: RecordRef }
    >
  | E<
      'SidHistoryAdded',
      { principal: string; principalSid: string; sid: string; record?: RecordRef }
    >
  | E<'SimulationPolicyChanged', { policy: Partial<Policy> }>;

export type MachineEvent =
  | E<
      'MachineProvisioned',
      { machine: string; machineSid: string; policy: Partial<Policy>; localAdmins: string[] }
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
  | E<'MachinePolicyChanged', { machine: string; policy: Partial<Policy> }>
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
  | E<'ComputerTgtIssued', { machine: string; ticket: Ticket }>
  | E<
      'ServiceRestarted',
      { machine: string; service: string; epoch: number; closedConnections: string[] }
    >
  | E<'MachineObserved', { machine: string; record: RecordRef }>
  | E<'MachineStartObserved', { machine: string; record: RecordRef }>
  | E<'MachineStopObserved', { machine: string; record: RecordRef }>
  | E<
      'LogonObserved',
      {
        machine: string;
        logonId: string;
        user: string;
        userSid: string;
        logonType: number;
        authPackage: string;
        elevated: boolean | null;
        expected: Membership | null;
        expectedSource: ExpectedSource;
        record: RecordRef;
      }
    >
  | E<
      'TokenGroupsObserved',
      {
        machine: string;
        logonId: string;
        user: string;
        userSid: string;
        sids: string[];
        record: RecordRef;
      }
    >
  | E<
      'TokenDivergenceFound',
      {
        machine: string;
        logonId: string;
        user: string;
        userSid: string;
        expectedSource: ExpectedSource;
        more: SidName[];
        less: SidName[];
        record: RecordRef;
      }
    >
  | E<'LogoffObserved', { machine: string; logonId: string; record: RecordRef }>
  | E<
      'TicketObserved',
      {
        machine: string;
        ticket: 'tgt' | 'service' | 'renewal';
        user: string;
        userSid: string | null;
        service: string | null;
        transmittedServices: string[];
        status: string;
        pac: Membership | null;
        record: RecordRef;
      }
    >
  | E<
      'SecurityEventRecorded',
      { machine: string; summary: string; fields: Record<string, string>; record: RecordRef }
    >;

/** Where the simulation says an observed logon's groups came from. */
export type ExpectedSource = 'logon-cache' | 'directory' | 'observed-tgt' | 'basic-cache';
export interface SidName {
  sid: string;
  name: string | null;
}

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
        smbSession: string;
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
        auth: Auth;
        connection: string | null;
        smbSession: string | null;
        delegateTo: string | null;
        membership: Membership | null;
        sids: string[];
        source: AccessSource | null;
        denied: boolean;
        reason?: string;
      }
    >
  | E<'LoggedOff', { session: string; endedProcesses: string[]; closedConnections: string[] }>;

export type ServerCacheEvent =
  | E<
      'BasicTokenCached',
      {
        server: string;
        serverBoot: number;
        user: string;
        userSid: string;
        membership: Membership;
        expiresAt: string;
      }
    >
  | E<
      'DelegationTicketCached',
      {
        server: string;
        serverBoot: number;
        user: string;
        userSid: string;
        backend: string;
        membership: Membership;
        expiresAt: string;
      }
    >;

export type SimEvent = DomainEvent | MachineEvent | SessionEvent | ServerCacheEvent;
export type SimEventType = SimEvent['type'];
export type EventOf<T extends SimEventType> = Extract<SimEvent, { type: T }>;

export type AggregateKind = 'Domain' | 'Machine' | 'Session' | 'ServerCache';

const AGGREGATE_OF: Record<SimEventType, AggregateKind> = {
  DomainCreated: 'Domain',
  PrincipalCreated: 'Domain',
  PrincipalDeleted: 'Domain',
  MemberAdded: 'Domain',
  MemberRemoved: 'Domain',
  SidHistoryAdded: 'Domain',
  SimulationPolicyChanged: 'Domain',
  PrincipalNamed: 'Domain',
  GroupTypeChanged: 'Domain',
  MachineObserved: 'Machine',
  MachineStartObserved: 'Machine',
  MachineStopObserved: 'Machine',
  LogonObserved: 'Machine',
  TokenGroupsObserved: 'Machine',
  TokenDivergenceFound: 'Machine',
  LogoffObserved: 'Machine',
  TicketObserved: 'Machine',
  SecurityEventRecorded: 'Machine',
  MachineProvisioned: 'Machine',
  MachineBooted: 'Machine',
  MachineShutDown: 'Machine',
  DcReachabilityChanged: 'Machine',
  MachinePolicyChanged: 'Machine',
  LogonCacheRefreshed: 'Machine',
  ComputerTicketsPurged: 'Machine',
  ComputerTgtIssued: 'Machine',
  ServiceRestarted: 'Machine',
  LoggedOn: 'Session',
  LogonDenied: 'Session',
  TgtIssued: 'Session',
  TgtRenewed: 'Session',
  ServiceTicketIssued: 'Session',
  TicketsPurged: 'Session',
  ProcessStarted: 'Session',
  ProcessEnded: 'Session',
  SmbSessionOpened: 'Session',
  ConnectionOpened: 'Session',
  ConnectionClosed: 'Session',
  AccessMade: 'Session',
  LoggedOff: 'Session',
  BasicTokenCached: 'ServerCache',
  DelegationTicketCached: 'ServerCache',
};

export function isSimEventType(type: string): type is SimEventType {
  return Object.prototype.hasOwnProperty.call(AGGREGATE_OF, type);
}

/** The aggregate (and its id) that owns an event: Domain has one per simulation. */
export function aggregateOf(event: SimEvent): { kind: AggregateKind; id: string } {
  const kind = AGGREGATE_OF[event.type];
  const d = event.data as Record<string, unknown>;
  const id =
    kind === 'Domain'
      ? 'domain'
      : kind === 'Machine'
        ? (d.machine as string)
        : kind === 'Session'
          ? (d.session as string)
          : (d.server as string);
  return { kind, id };
}

/** A decided event, before it is stored: its id is fixed so later events of the same decision can name it as their cause. */
export interface Decided<T extends SimEvent = SimEvent> {
  event: T;
  eventId: string;
  causationId: string | null;
}

/** A stored event as the fold sees it. */
export interface FoldedEvent {
  event: SimEvent;
  eventId: string;
  causationId: string | null;
  occurredAt: string;
  /** 1-based sequence number inside the simulation. */
  seq: number;
  /** The store's global position. */
  position: bigint;
}
