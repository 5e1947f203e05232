import { CommandHandler } from '@nestjs/cqrs';
import { RemoveMemberCommand } from '../commands/remove-member.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(RemoveMemberCommand)
export class RemoveMemberHandler extends SimulationCommandHandler<RemoveMemberCommand> {}
