import { CommandHandler } from '@nestjs/cqrs';
import { DcReachableCommand } from '../commands/dc-reachable.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(DcReachableCommand)
export class DcReachableHandler extends SimulationCommandHandler<DcReachableCommand> {}
