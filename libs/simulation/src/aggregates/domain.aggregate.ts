import { SimulationAggregate } from './simulation-aggregate';

/** The directory of one simulation: principals, memberships, SID history, simulation policy. */
export class DomainAggregate extends SimulationAggregate {
  readonly kind = 'Domain' as const;
}
