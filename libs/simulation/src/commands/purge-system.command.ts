import { SimulationCommand } from '../simulation-command';

/** klist -li 0x3e7 purge: the computer's own tickets. */
export class PurgeSystemCommand extends SimulationCommand<'purgeSystem'> {
  readonly verb = 'purgeSystem' as const;
}
