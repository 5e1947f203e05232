import { decideMachine, type Decided, type MachineCommand } from '@tokentrail/domain';
import { SimulationAggregate } from './simulation-aggregate';

/**
 * One computer: boot and restart, DC reachability, logon cache, system token, computer TGT, its
 * logs.
 */
export class MachineAggregate extends SimulationAggregate {
  readonly kind = 'Machine' as const;

  /** The entry point of its rules: decides one of its commands against the world as it stands. */
  handle(command: MachineCommand, at: string): Decided[] {
    return decideMachine(this.world, command, at);
  }
}
