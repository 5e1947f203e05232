import { SimulationCommand } from '../simulation-command';

/** Logs a session off. */
export class LogoffCommand extends SimulationCommand<'logoff'> {
  readonly verb = 'logoff' as const;
}
