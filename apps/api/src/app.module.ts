import { Module } from '@nestjs/common';
import { EventStoreModule } from '@tokentrail/event-store';
import { HealthController } from './health.controller';

@Module({
  imports: [EventStoreModule],
  controllers: [HealthController],
})
export class AppModule {}
