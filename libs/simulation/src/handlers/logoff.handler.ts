import { CommandHandler } from '@nestjs/cqrs';
import { LogoffCommand } from '../commands/logoff.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(LogoffCommand)
export class LogoffHandler extends SimulationCommandHandler<LogoffCommand> {}
