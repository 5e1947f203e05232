import { CommandHandler } from '@nestjs/cqrs';
import { CreateDomainCommand } from '../commands/create-domain.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(CreateDomainCommand)
export class CreateDomainHandler extends SimulationCommandHandler<CreateDomainCommand> {}
