import { SimulationCommand } from '../simulation-command';

/** Starts a machine that is down. */
export class BootCommand extends SimulationCommand<'boot'> {
  readonly verb = 'boot' as const;
}
