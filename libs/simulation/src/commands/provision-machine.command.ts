import { SimulationCommand } from '../simulation-command';

/** Registers a computer account as a machine, with its policy and local administrators. */
export class ProvisionMachineCommand extends SimulationCommand<'provisionMachine'> {
  readonly verb = 'provisionMachine' as const;
}
