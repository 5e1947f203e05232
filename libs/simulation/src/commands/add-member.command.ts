import { SimulationCommand } from '../simulation-command';

/** Adds a member to a group. */
export class AddMemberCommand extends SimulationCommand<'addMember'> {
  readonly verb = 'addMember' as const;
}
