import { SimulationCommand } from '../simulation-command';

/** Makes a domain controller reachable or unreachable for a machine. */
export class DcReachableCommand extends SimulationCommand<'dcReachable'> {
  readonly verb = 'dcReachable' as const;
}
