import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EventStoreModule } from '@tokentrail/event-store';
import { ProjectionsModule } from '@tokentrail/projections';
import { APPEND_OBSERVER } from '@tokentrail/simulation';
import { ApiMetrics } from './api-metrics';
import { ProjectorLag } from './projector-lag';
import { QuestionTimer } from './question-timer.interceptor';

/**
 * Metrics, the projector's lag and terminus for health. Global, so the write side's handler (in
 * SimulationModule) finds the append observer without importing the API.
 */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), EventStoreModule, ProjectionsModule],
  providers: [
    ProjectorLag,
    ApiMetrics,
    QuestionTimer,
    { provide: APPEND_OBSERVER, useExisting: ApiMetrics },
  ],
  exports: [TerminusModule, ProjectorLag, ApiMetrics, QuestionTimer, APPEND_OBSERVER],
})
export class ObservabilityModule {}
