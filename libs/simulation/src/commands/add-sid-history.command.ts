import { SimulationCommand } from '../simulation-command';

/** Adds a SID to a principal's SID history. */
export class AddSidHistoryCommand extends SimulationCommand<'addSidHistory'> {
  readonly verb = 'addSidHistory' as const;
}
