import { SimulationCommand } from '../simulation-command';

/** Starts a process in a session half. */
export class StartProcessCommand extends SimulationCommand<'startProcess'> {
  readonly verb = 'startProcess' as const;
}
