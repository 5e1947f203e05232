import { SimulationCommand } from '../simulation-command';

/** Restarts a machine's operating system. */
export class RestartCommand extends SimulationCommand<'restart'> {
  readonly verb = 'restart' as const;
}
