import { SimulationAggregate } from './simulation-aggregate';

/** One interactive logon: both UAC halves, their tokens and ticket caches, processes, SMB sessions, connections. */
export class SessionAggregate extends SimulationAggregate {
  readonly kind = 'Session' as const;
}
