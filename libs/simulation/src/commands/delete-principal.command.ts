import { SimulationCommand } from '../simulation-command';

/** Removes a principal from the directory and from every group. */
export class DeletePrincipalCommand extends SimulationCommand<'deletePrincipal'> {
  readonly verb = 'deletePrincipal' as const;
}
