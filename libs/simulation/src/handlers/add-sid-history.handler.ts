import { CommandHandler } from '@nestjs/cqrs';
import { AddSidHistoryCommand } from '../commands/add-sid-history.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(AddSidHistoryCommand)
export class AddSidHistoryHandler extends SimulationCommandHandler<AddSidHistoryCommand> {}
