import { SimulationCommand } from '../simulation-command';

/** Creates a computer account. */
export class CreateComputerCommand extends SimulationCommand<'createComputer'> {
  readonly verb = 'createComputer' as const;
}
