import { CommandHandler } from '@nestjs/cqrs';
import { RestartCommand } from '../commands/restart.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(RestartCommand)
export class RestartHandler extends SimulationCommandHandler<RestartCommand> {}
