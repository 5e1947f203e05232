import { CommandHandler } from '@nestjs/cqrs';
import { SetPolicyCommand } from '../commands/set-policy.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(SetPolicyCommand)
export class SetPolicyHandler extends SimulationCommandHandler<SetPolicyCommand> {}
