import { SimulationAggregate } from './simulation-aggregate';

/** One computer: boot and restart, DC reachability, logon cache, system token and computer TGT, policy. */
export class MachineAggregate extends SimulationAggregate {
  readonly kind = 'Machine' as const;
}
