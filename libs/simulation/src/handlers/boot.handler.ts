import { CommandHandler } from '@nestjs/cqrs';
import { BootCommand } from '../commands/boot.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(BootCommand)
export class BootHandler extends SimulationCommandHandler<BootCommand> {}
