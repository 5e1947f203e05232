import { SimulationCommand } from '../simulation-command';

/** One fact read from a Windows Security log (SIEM import). */
export class ObserveCommand extends SimulationCommand<'observe'> {
  readonly verb = 'observe' as const;
}
