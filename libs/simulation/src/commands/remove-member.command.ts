import { SimulationCommand } from '../simulation-command';

/** Removes a member from a group. */
export class RemoveMemberCommand extends SimulationCommand<'removeMember'> {
  readonly verb = 'removeMember' as const;
}
