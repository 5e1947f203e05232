import { CommandHandler } from '@nestjs/cqrs';
import { DeletePrincipalCommand } from '../commands/delete-principal.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(DeletePrincipalCommand)
export class DeletePrincipalHandler extends SimulationCommandHandler<DeletePrincipalCommand> {}
