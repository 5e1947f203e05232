import { CommandHandler } from '@nestjs/cqrs';
import { EndProcessCommand } from '../commands/end-process.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(EndProcessCommand)
export class EndProcessHandler extends SimulationCommandHandler<EndProcessCommand> {}
