import { CommandHandler } from '@nestjs/cqrs';
import { CreateComputerCommand } from '../commands/create-computer.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(CreateComputerCommand)
export class CreateComputerHandler extends SimulationCommandHandler<CreateComputerCommand> {}
