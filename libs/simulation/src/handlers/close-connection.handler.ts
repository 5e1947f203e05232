import { CommandHandler } from '@nestjs/cqrs';
import { CloseConnectionCommand } from '../commands/close-connection.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(CloseConnectionCommand)
export class CloseConnectionHandler extends SimulationCommandHandler<CloseConnectionCommand> {}
