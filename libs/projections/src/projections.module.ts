import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { readModelFile, type StoreConfig } from '@tokentrail/event-store';
import { Projector } from './projector';
import { QueryService } from './query.service';
import { ReadModel } from './read-model';
import { READ_MODEL } from './read-model.token';

/** The read side: the projector, its read model, and time-travel views. Needs EventStoreModule. */
@Module({
  providers: [
    {
      provide: READ_MODEL,
      inject: [ConfigService],
      useFactory: (config: ConfigService<StoreConfig, true>) =>
        new ReadModel(
          readModelFile({
            TOKENTRAIL_STORE: config.get('TOKENTRAIL_STORE', { infer: true }),
            TOKENTRAIL_DB: config.get('TOKENTRAIL_DB', { infer: true }),
            TOKENTRAIL_READ_DB: config.get('TOKENTRAIL_READ_DB', { infer: true }),
          }),
        ),
    },
    Projector,
    QueryService,
  ],
  exports: [READ_MODEL, Projector, QueryService],
})
export class ProjectionsModule {}
