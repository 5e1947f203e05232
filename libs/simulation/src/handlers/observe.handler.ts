import { CommandHandler } from '@nestjs/cqrs';
import { ObserveCommand } from '../commands/observe.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(ObserveCommand)
export class ObserveHandler extends SimulationCommandHandler<ObserveCommand> {}
