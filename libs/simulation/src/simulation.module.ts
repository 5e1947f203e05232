import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandSender } from './command-sender';
import { ExecuteCommandsHandler } from './execute-commands.handler';
import { RunLog } from './run-log';
import { SimulationCatalog } from './simulation-catalog';
import { SimulationRepository } from './simulation.repository';

/**
 * The write side: the command, its handler, the simulations' repository. Needs EventStoreModule.
 */
@Module({
  imports: [CqrsModule],
  providers: [
    SimulationRepository,
    CommandSender,
    ExecuteCommandsHandler,
    RunLog,
    SimulationCatalog,
  ],
  exports: [SimulationRepository, CommandSender, RunLog, SimulationCatalog, CqrsModule],
})
export class SimulationModule {}
