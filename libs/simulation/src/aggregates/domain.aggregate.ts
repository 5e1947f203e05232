import { decideDomain, type Decided, type DomainCommand } from '@tokentrail/domain';
import { SimulationAggregate } from './simulation-aggregate';

/** The directory of one simulation: principals, memberships, SID history, simulation policy. */
export class DomainAggregate extends SimulationAggregate {
  readonly kind = 'Domain' as const;

  /** The entry point of its rules: decides one of its commands against the world as it stands. */
  handle(command: DomainCommand): Decided[] {
    return decideDomain(this.world, command);
  }
}
