import { CommandHandler } from '@nestjs/cqrs';
import { AccessCommand } from '../commands/access.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(AccessCommand)
export class AccessHandler extends SimulationCommandHandler<AccessCommand> {}
