import { CommandHandler } from '@nestjs/cqrs';
import { ShutdownCommand } from '../commands/shutdown.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(ShutdownCommand)
export class ShutdownHandler extends SimulationCommandHandler<ShutdownCommand> {}
