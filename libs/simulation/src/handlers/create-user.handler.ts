import { CommandHandler } from '@nestjs/cqrs';
import { CreateUserCommand } from '../commands/create-user.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(CreateUserCommand)
export class CreateUserHandler extends SimulationCommandHandler<CreateUserCommand> {}
