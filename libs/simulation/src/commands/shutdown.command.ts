import { SimulationCommand } from '../simulation-command';

/** Shuts a machine down (observed in logs; scenarios restart instead). */
export class ShutdownCommand extends SimulationCommand<'shutdown'> {
  readonly verb = 'shutdown' as const;
}
