import { CommandHandler } from '@nestjs/cqrs';
import { ProvisionMachineCommand } from '../commands/provision-machine.command';
import { SimulationCommandHandler } from '../simulation-command.handler';

@CommandHandler(ProvisionMachineCommand)
export class ProvisionMachineHandler extends SimulationCommandHandler<ProvisionMachineCommand> {}
