import { SimulationCommand } from '../simulation-command';

/** Ends a process. */
export class EndProcessCommand extends SimulationCommand<'endProcess'> {
  readonly verb = 'endProcess' as const;
}
