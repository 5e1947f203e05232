import type { SimEvent, SimEventType } from './events';

/** The four aggregates of the design. */
export type AggregateKind = 'Domain' | 'Machine' | 'Session' | 'ServerCache';
export interface AggregateRef {
  kind: AggregateKind;
  /** `domain` (one per simulation), else the machine, session label or server. */
  id: string;
}

const KIND_OF: Record<SimEventType, AggregateKind> = {
  DomainCreated: 'Domain',
  PrincipalCreated: 'Domain',
  PrincipalNamed: 'Domain',
  GroupTypeChanged: 'Domain',
  PrincipalDeleted: 'Domain',
  MemberAdded: 'Domain',
  MemberRemoved: 'Domain',
  SidHistoryAdded: 'Domain',
  SimulationPolicyChanged: 'Domain',
  PrincipalKindObserved: 'Domain',
  PrimaryGroupChanged: 'Domain',
  AccountEnabledChanged: 'Domain',
  BaselineMembershipObserved: 'Domain',
  MachineProvisioned: 'Machine',
  MachineBooted: 'Machine',
  MachineShutDown: 'Machine',
  DcReachabilityChanged: 'Machine',
  MachinePolicyChanged: 'Machine',
  LogonCacheRefreshed: 'Machine',
  ComputerTicketsPurged: 'Machine',
  ServiceRestarted: 'Machine',
  MachineObserved: 'Machine',
  MachineStartObserved: 'Machine',
  MachineStopObserved: 'Machine',
  LogonObserved: 'Machine',
  TokenGroupsObserved: 'Machine',
  TokenDivergenceFound: 'Machine',
  LogoffObserved: 'Machine',
  TicketObserved: 'Machine',
  SecurityEventRecorded: 'Machine',
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
  return Object.prototype.hasOwnProperty.call(KIND_OF, type);
}

/** The aggregate (and its id) that owns an event: every stored event names it in its metadata. */
export function aggregateOf(event: SimEvent): AggregateRef {
  const kind = KIND_OF[event.type];
  switch (kind) {
    case 'Domain':
      return { kind, id: 'domain' };
    case 'Machine':
      return { kind, id: (event.data as { machine: string }).machine };
    case 'Session':
      return { kind, id: (event.data as { session: string }).session };
    case 'ServerCache':
      return { kind, id: (event.data as { server: string }).server };
    default: {
      const never: never = kind;
      throw new Error(`no aggregate kind ${String(never)}`);
    }
  }
}

/** `Session:s1`: how metadata names an aggregate. */
export const aggregateName = (ref: AggregateRef) => `${ref.kind}:${ref.id}`;
