import { CommandHandler } from '@nestjs/cqrs';
import { PurgeCommand } from '../commands/purge.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(PurgeCommand)
export class PurgeHandler extends SimulationCommandHandler<PurgeCommand> {}
