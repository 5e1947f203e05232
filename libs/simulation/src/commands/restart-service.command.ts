import { SimulationCommand } from '../simulation-command';

/** Restarts one service on a machine. */
export class RestartServiceCommand extends SimulationCommand<'restartService'> {
  readonly verb = 'restartService' as const;
}
