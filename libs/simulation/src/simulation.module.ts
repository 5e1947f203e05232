import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ProjectionsModule } from '@tokentrail/projections';
import { ForkService } from './fork.service';
import { RemediationService } from './remediation.service';
import { CommandSender } from './command-sender';
import { COMMAND_HANDLERS } from './handlers';
import { SimulationRepository } from './simulation.repository';
import { SimulationService } from './simulation.service';

/** The write side: commands, their handlers, the aggregates' repository. Needs EventStoreModule. */
@Module({
  imports: [CqrsModule, ProjectionsModule],
  providers: [
    SimulationRepository,
    SimulationService,
    CommandSender,
    ForkService,
    RemediationService,
    ...COMMAND_HANDLERS,
  ],
  exports: [
    SimulationRepository,
    SimulationService,
    CommandSender,
    ForkService,
    RemediationService,
    CqrsModule,
    ProjectionsModule,
  ],
})
export class SimulationModule {}
