import { SimulationCommand } from '../simulation-command';

/** Changes policy from this moment on. */
export class SetPolicyCommand extends SimulationCommand<'setPolicy'> {
  readonly verb = 'setPolicy' as const;
}
