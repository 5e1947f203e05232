import { SimulationCommand } from '../simulation-command';

/** One access to a local resource or a server. */
export class AccessCommand extends SimulationCommand<'access'> {
  readonly verb = 'access' as const;
}
