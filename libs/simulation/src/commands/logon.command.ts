import { SimulationCommand } from '../simulation-command';

/** Logs a user on interactively (console or RDP). */
export class LogonCommand extends SimulationCommand<'logon'> {
  readonly verb = 'logon' as const;
}
