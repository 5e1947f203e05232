import { CommandHandler } from '@nestjs/cqrs';
import { LogonCommand } from '../commands/logon.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(LogonCommand)
export class LogonHandler extends SimulationCommandHandler<LogonCommand> {}
