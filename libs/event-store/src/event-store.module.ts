import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { createEventStore } from './create-event-store';
import { EVENT_STORE, type EventStore } from './event-store.port';
import { parseStoreConfig, type StoreConfig } from './store-config';

/** Wires the adapter chosen by TOKENTRAIL_STORE; the environment is validated when the module loads. */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: parseStoreConfig })],
  providers: [
    {
      provide: EVENT_STORE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<StoreConfig, true>) =>
        createEventStore({
          TOKENTRAIL_STORE: config.get('TOKENTRAIL_STORE', { infer: true }),
          TOKENTRAIL_DB: config.get('TOKENTRAIL_DB', { infer: true }),
          EVENTSTORE_CONNECTION_STRING: config.get('EVENTSTORE_CONNECTION_STRING', { infer: true }),
        }),
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
