import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventStoreModule } from '@tokentrail/event-store';
import { ScenariosModule } from '@tokentrail/scenarios';
import { ApiExceptionFilter } from './api-exception.filter';
import { CommandsController } from './commands.controller';
import { EventsController } from './events.controller';
import { HealthController } from './health.controller';
import { SimulationsController } from './simulations.controller';
import { ViewsController } from './views.controller';

@Module({
  imports: [EventStoreModule, ScenariosModule],
  controllers: [HealthController, SimulationsController, CommandsController, ViewsController, EventsController],
  providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
})
export class AppModule {}
