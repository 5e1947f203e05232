import { emptyDirectory, type DirectoryState } from '../directory/directory-state';
import type { Membership } from '../directory/membership';
import type { AccessSource, ExpectedSource, HalfName } from '../events/events';
import type { Ticket } from '../kerberos/ticket';
import type { RecordRef } from '../observe/observation';
import type { PolicyOverrides } from '../policy';
import type { Auth, Service } from '../schema/names';
import type { LogonType, Token } from '../token/token';

/**
 * A ticket held somewhere, and the event that issued (or last renewed) it: lineage starts there.
 */
export type HeldTicket = Ticket & { eventId: string };

export interface LogonCacheEntry {
  user: string;
  userSid: string;
  membership: Membership;
  refreshedAt: string;
  /** Order of last successful logon: the least recent is evicted first. */
  lastUsed: number;
  eventId: string;
  /** The logged logon that filled it, when it was imported. */
  record?: RecordRef;
}

export interface MachineState {
  name: string;
  sid: string;
  policy: PolicyOverrides;
  localAdmins: string[];
  up: boolean;
  /** Boot counter: artifacts opened under an older boot died with it. */
  boot: number;
  bootedAt: string | null;
  dcReachable: boolean;
  logonCache: Map<string, LogonCacheEntry>;
  systemToken: Token | null;
  systemTokenEventId: string | null;
  computerTgt: HeldTicket | null;
  serviceEpochs: Map<string, number>;
  /** Logons read from this machine's Security log, by normalized logon id. */
  observedLogons: Map<string, ObservedLogon>;
  /** Tokens (4627) read before their logon (4624): judged when the logon arrives. */
  pendingTokens: Map<string, PendingToken>;
}

export interface PendingToken {
  user: string;
  userSid: string;
  sids: string[];
  record: RecordRef;
  eventId: string;
}

export interface ObservedLogon {
  logonId: string;
  user: string;
  userSid: string;
  logonType: number;
  expected: Membership | null;
  expectedSource: ExpectedSource;
  observedSids: string[] | null;
  at: string;
  eventId: string;
  record?: RecordRef;
  artifact?: { eventId: string | null; record: RecordRef | null };
}

export interface SmbSessionState {
  half: HalfName;
  server: string;
  serverBoot: number;
  membership: Membership;
  openedAt: string;
  lastUsedAt: string;
  eventId: string;
}

export interface ConnectionState {
  label: string;
  session: string;
  half: HalfName;
  process: string | null;
  server: string;
  service: Service;
  auth: Auth;
  serverBoot: number;
  serviceEpoch: number;
  membership: Membership;
  source: AccessSource;
  open: boolean;
  openedAt: string;
  eventId: string;
}

export interface HalfState {
  name: HalfName;
  token: Token;
  tokenEventId: string;
  tgt: HeldTicket | null;
  serviceTickets: Map<string, HeldTicket>;
  /** Server (lower-cased) → the half's SMB session to it. */
  smb: Map<string, SmbSessionState>;
}

export interface ProcessState {
  label: string;
  session: string;
  half: HalfName;
  com: boolean;
  token: Token;
  alive: boolean;
  startedAt: string;
  eventId: string;
}

export interface SessionState {
  label: string;
  user: string;
  userSid: string;
  machine: string;
  machineBoot: number;
  logonType: LogonType;
  startedAt: string;
  denied: { reason: string; sidCount?: number; limit?: number } | null;
  loggedOff: boolean;
  halves: Map<HalfName, HalfState>;
  processes: Map<string, ProcessState>;
  connections: Map<string, ConnectionState>;
  eventId: string;
}

export interface CacheEntryState {
  user: string;
  userSid: string;
  serverBoot: number;
  membership: Membership;
  cachedAt: string;
  expiresAt: string;
  eventId: string;
}

export interface ServerCacheState {
  server: string;
  basic: Map<string, CacheEntryState>;
  /** Keyed `${userSid}|${backend}`. */
  delegation: Map<string, CacheEntryState & { backend: string }>;
}

/** Everything a simulation's events say, folded: the aggregates' state plus indexes. */
export interface World {
  directory: DirectoryState;
  machines: Map<string, MachineState>;
  sessions: Map<string, SessionState>;
  /** Labels of sessions that ended and hold nothing any more (their state is dropped). */
  endedSessions: Set<string>;
  /** Process label → session label. */
  processIndex: Map<string, string>;
  /** Connection label → session label. */
  connectionIndex: Map<string, string>;
  /** Access id → event id of its AccessMade. */
  accessIndex: Map<string, string>;
  serverCaches: Map<string, ServerCacheState>;
  /** Run (correlation id) → the highest command index whose events are stored. */
  runProgress: Map<string, number>;
  /** How many events were folded (the simulation's position), and the time of the last one. */
  position: number;
  lastOccurredAt: string | null;
  lastGlobalPosition: bigint | null;
  /** The latest time any folded event carries (imports may go back in time). */
  maxOccurredAt: string | null;
  /**
   * Imported records already folded, per `computer#channel`, so a record delivered twice is
   * imported once.
   */
  importedRecords: Map<string, Set<number | string>>;
  /** The PAC of the last TGT a DC's log showed being issued to each principal. */
  observedTgts: Map<string, { pac: Membership; at: string; eventId: string; record?: RecordRef }>;
  /** Divergences between logged tokens and the simulation, in log order (event ids). */
  findings: string[];
}

export function emptyWorld(): World {
  return {
    directory: emptyDirectory(),
    machines: new Map(),
    sessions: new Map(),
    endedSessions: new Set(),
    processIndex: new Map(),
    connectionIndex: new Map(),
    accessIndex: new Map(),
    serverCaches: new Map(),
    runProgress: new Map(),
    position: 0,
    lastOccurredAt: null,
    lastGlobalPosition: null,
    maxOccurredAt: null,
    importedRecords: new Map(),
    observedTgts: new Map(),
    findings: [],
  };
}

export const key = (name: string) => name.toLowerCase();
