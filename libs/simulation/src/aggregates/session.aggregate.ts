import { decideSession, type Decided, type SessionCommand } from '@tokentrail/domain';
import { SimulationAggregate } from './simulation-aggregate';

/**
 * One interactive logon: both UAC halves, their tokens and ticket caches, processes, SMB sessions,
 * connections.
 */
export class SessionAggregate extends SimulationAggregate {
  readonly kind = 'Session' as const;

  /** The entry point of its rules: decides one of its commands against the world as it stands. */
  handle(command: SessionCommand, at: string): Decided[] {
    return decideSession(this.world, command, at);
  }
}
