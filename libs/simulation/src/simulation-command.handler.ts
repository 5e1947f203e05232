import { Injectable } from '@nestjs/common';
import type { SimulationCommand } from './simulation-command';
import { SimulationService, type CommandOutcome } from './simulation.service';

/** Every verb's handler: load, decide (libs/domain), append with the expected revisions. The rules live in the decision. */
@Injectable()
export abstract class SimulationCommandHandler<C extends SimulationCommand> {
  constructor(private readonly simulations: SimulationService) {}

  execute(command: C): Promise<CommandOutcome> {
    return this.simulations.execute(
      command.simulation,
      command.toDomain(),
      command.at,
      command.meta,
    );
  }
}
