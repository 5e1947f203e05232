import { CommandHandler } from '@nestjs/cqrs';
import { AddMemberCommand } from '../commands/add-member.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(AddMemberCommand)
export class AddMemberHandler extends SimulationCommandHandler<AddMemberCommand> {}
