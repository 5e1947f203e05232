import { CommandHandler } from '@nestjs/cqrs';
import { CreateGroupCommand } from '../commands/create-group.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(CreateGroupCommand)
export class CreateGroupHandler extends SimulationCommandHandler<CreateGroupCommand> {}
