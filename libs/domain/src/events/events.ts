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

/**
 * Evidence model: a logged removal and later a token still carrying the group; a logged addition
 * and later a token without it; or evidence no rule can produce.
 */
export type FindingClass = 'lingering-after-removal' | 'missing-after-add' | 'unexplained';
export const FINDING_CLASSES: readonly FindingClass[] = [
  'lingering-after-removal',
  'missing-after-add',
  'unexplained',
];

/** The rule that produced a stale artifact, and the event (and log record) that filled it. */
export interface Explanation {
  rule: ExpectedSource;
  because: string;
  artifactEventId: string | null;
  record: RecordRef | null;
}

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
  | E<'SimulationPolicyChanged', { policy: PolicyOverrides }>
  /** What a log says an account is (4741 computer, PrimaryGroupId 515), correcting a guess. */
  | E<'PrincipalKindObserved', { sid: string; name: string; kind: PrincipalKind } & Recorded>
  /** 4720/4738/4741/4742 PrimaryGroupId: the group a user or computer is in implicitly. */
  | E<'PrimaryGroupChanged', { sid: string; name: string; rid: number } & Recorded>
  /** 4722 enabled, 4725 disabled. */
  | E<'AccountEnabledChanged', { sid: string; name: string; enabled: boolean } & Recorded>
  /**
   * Evidence model: an observed token (4627) held a group that no logged change granted, so the
   * member held it since before the log's first record (seen at the record's time). It enters
   * truth with that provenance; it is not a finding.
   */
  | E<
      'BaselineMembershipObserved',
      MemberChange & { machine: string; logonId: string; record: RecordRef }
    >;

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
      } & Recorded
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
        /** The artifact the expected token came from (cache entry, TGT): its event and record. */
        artifact: { eventId: string | null; record: RecordRef | null };
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
        /** What the evidence says happened (observe/classify-token-evidence.ts). */
        finding: FindingClass;
        /** The groups concerned; `carried`: whether the logged token held them. */
        groups: SidName[];
        carried: boolean;
        expectedSource: ExpectedSource;
        /** The rule that produced the artifact the token came from; null when none explains it. */
        explainedBy: Explanation | null;
        /** The log records that show it: the change, the logon, the token (in time order). */
        evidence: RecordRef[];
        /** Event ids from the token back to the membership event: logon, artifact, change. */
        lineage: string[];
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
