import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventStoreModule } from '@tokentrail/event-store';
import { ScenariosModule } from '@tokentrail/scenarios';
import { SiemModule } from '@tokentrail/siem';
import { ApiExceptionFilter } from './api-exception.filter';
import { CommandsController } from './commands.controller';
import { EventsController } from './events.controller';
import { HealthController } from './health.controller';
import { SiemController } from './siem.controller';
import { SchemasController } from './schemas.controller';
import { SimulationsController } from './simulations.controller';
import { ViewsController } from './views.controller';

@Module({
  imports: [EventStoreModule, ScenariosModule, SiemModule],
  controllers: [
    HealthController,
    SimulationsController,
    CommandsController,
    ViewsController,
    EventsController,
    SiemController,
    SchemasController,
  ],
  providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
})
export class AppModule {}
