import { Module } from '@nestjs/common';
import { EventStoreModule } from '@tokentrail/event-store';
import { ScenariosModule } from '@tokentrail/scenarios';
import { SiemModule } from '@tokentrail/siem';

/**
 * What the CLI's commands need: the configured store, the write side, the read side and the runner.
 */
@Module({ imports: [EventStoreModule, ScenariosModule, SiemModule] })
export class CliModule {}
