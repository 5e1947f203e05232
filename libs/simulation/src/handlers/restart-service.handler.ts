import { CommandHandler } from '@nestjs/cqrs';
import { RestartServiceCommand } from '../commands/restart-service.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(RestartServiceCommand)
export class RestartServiceHandler extends SimulationCommandHandler<RestartServiceCommand> {}
