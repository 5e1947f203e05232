import { Module } from '@nestjs/common';
import { STORE_CONFIG, readModelFile, type StoreConfig } from '@tokentrail/event-store';
import { Projector } from './projector';
import { QueryService } from './query.service';
import { ReadModel } from './read-model';
import { READ_MODEL } from './read-model.token';

/** The read side: the projector, its read model, and time-travel views. Needs EventStoreModule. */
@Module({
  providers: [
    {
      provide: READ_MODEL,
      inject: [STORE_CONFIG],
      useFactory: (config: StoreConfig) => new ReadModel(readModelFile(config)),
    },
    Projector,
    QueryService,
  ],
  exports: [READ_MODEL, Projector, QueryService],
})
export class ProjectionsModule {}
