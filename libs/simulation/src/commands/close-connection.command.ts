import { SimulationCommand } from '../simulation-command';

/** Closes a labelled TCP connection. */
export class CloseConnectionCommand extends SimulationCommand<'closeConnection'> {
  readonly verb = 'closeConnection' as const;
}
