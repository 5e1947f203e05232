import { CommandHandler } from '@nestjs/cqrs';
import { StartProcessCommand } from '../commands/start-process.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(StartProcessCommand)
export class StartProcessHandler extends SimulationCommandHandler<StartProcessCommand> {}
