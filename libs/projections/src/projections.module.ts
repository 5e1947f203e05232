import { Module } from '@nestjs/common';
import { QueryService } from './query.service';

/** The read side: time-travel views over the store. Needs EventStoreModule. */
@Module({ providers: [QueryService], exports: [QueryService] })
export class ProjectionsModule {}
