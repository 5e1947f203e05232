import { Module } from '@nestjs/common';
import { SimulationModule } from '@tokentrail/simulation';
import { ScenarioRunner } from './scenario-runner';

/** The scenario runner. Needs EventStoreModule. */
@Module({
  imports: [SimulationModule],
  providers: [ScenarioRunner],
  exports: [ScenarioRunner, SimulationModule],
})
export class ScenariosModule {}
