import { SimulationCommand } from '../simulation-command';

/** Creates a user. */
export class CreateUserCommand extends SimulationCommand<'createUser'> {
  readonly verb = 'createUser' as const;
}
