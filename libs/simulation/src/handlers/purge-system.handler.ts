import { CommandHandler } from '@nestjs/cqrs';
import { PurgeSystemCommand } from '../commands/purge-system.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(PurgeSystemCommand)
export class PurgeSystemHandler extends SimulationCommandHandler<PurgeSystemCommand> {}
