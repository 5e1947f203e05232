import { SimulationCommand } from '../simulation-command';

/** Creates a security group. */
export class CreateGroupCommand extends SimulationCommand<'createGroup'> {
  readonly verb = 'createGroup' as const;
}
