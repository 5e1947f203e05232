import { Module, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { EventStoreModule } from '@tokentrail/event-store';
import { ScenariosModule } from '@tokentrail/scenarios';
import { SiemModule } from '@tokentrail/siem';
import { AccessGuard } from './access.guard';
import { API_CONFIG, type ApiConfig } from './api-config';
import { ApiConfigModule } from './api-config.module';
import { ApiExceptionFilter } from './api-exception.filter';
import { ApiThrottlerGuard } from './api-throttler.guard';
import { CommandsController } from './commands.controller';
import { DemoModule } from './demo/demo.module';
import { EventsController } from './events.controller';
import { HealthController } from './health.controller';
import { LogSealer } from './log-sealer';
import { jsonLogParams } from './observability/json-logs';
import { MetricsController } from './observability/metrics.controller';
import { ObservabilityModule } from './observability/observability.module';
import { QuietStartLogger } from './observability/quiet-start-logger';
import { SiemController } from './siem.controller';
import { SchemasController } from './schemas.controller';
import { ShutdownSignal } from './shutdown-signal';
import { SimulationsController } from './simulations.controller';
import { TimelineController } from './timeline.controller';
import { UiModule } from './ui/ui.module';
import { VerifyController } from './verify.controller';
import { ViewsController } from './views.controller';

/** Every route of the API (the OpenAPI document reads their access rules). */
export const CONTROLLERS: Type[] = [
  HealthController,
  MetricsController,
  SimulationsController,
  CommandsController,
  ViewsController,
  TimelineController,
  EventsController,
  SiemController,
  SchemasController,
  VerifyController,
];

@Module({
  imports: [
    ApiConfigModule,
    LoggerModule.forRootAsync({
      imports: [ApiConfigModule],
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => jsonLogParams(config),
    }),
    ObservabilityModule,
    EventStoreModule,
    ScenariosModule,
    SiemModule,
    UiModule,
    DemoModule,
    ThrottlerModule.forRootAsync({
      imports: [ApiConfigModule],
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => ({
        throttlers: [
          { ttl: config.TOKENTRAIL_RATE_WINDOW * 1000, limit: config.TOKENTRAIL_RATE_LIMIT },
        ],
        // One count per client across every route (the default counts each route apart).
        generateKey: (_context, tracker, name) => `${name}:${tracker}`,
      }),
    }),
  ],
  controllers: CONTROLLERS,
  providers: [
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
    // Access first: a request its key may not make is refused without counting against the key.
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: ApiThrottlerGuard },
    ShutdownSignal,
    LogSealer,
    QuietStartLogger,
  ],
})
export class AppModule {}
