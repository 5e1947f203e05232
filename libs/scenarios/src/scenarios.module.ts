import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@tokentrail/projections';
import { SimulationModule } from '@tokentrail/simulation';
import { ScenarioRunner } from './scenario-runner';

/** The scenario runner. Needs EventStoreModule. */
@Module({
  imports: [SimulationModule, ProjectionsModule],
  providers: [ScenarioRunner],
  exports: [ScenarioRunner, SimulationModule, ProjectionsModule],
})
export class ScenariosModule {}
