import { SimulationCommand } from '../simulation-command';

/** klist purge in one half of a session. */
export class PurgeCommand extends SimulationCommand<'purge'> {
  readonly verb = 'purge' as const;
}
