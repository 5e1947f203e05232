import { SimulationCommand } from '../simulation-command';

/** Creates the simulation's domain (its name, SID and policy). */
export class CreateDomainCommand extends SimulationCommand<'createDomain'> {
  readonly verb = 'createDomain' as const;
}
