import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { createEventStore } from './create-event-store';
import { EVENT_STORE, type EventStore } from './event-store.port';
import { CONFIG_VARIABLES, STORE_CONFIG, parseStoreConfig, type StoreConfig } from './store-config';

/**
 * Wires the adapter chosen by TOKENTRAIL_STORE. The environment is read through @nestjs/config
 * and validated (zod) when the application starts, not when this file is imported, so a bad
 * value fails start-up with one line naming the variable.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true })],
  providers: [
    {
      provide: STORE_CONFIG,
      inject: [ConfigService],
      useFactory: (config: ConfigService): StoreConfig =>
        parseStoreConfig(
          Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, config.get<string>(name)])),
        ),
    },
    { provide: EVENT_STORE, inject: [STORE_CONFIG], useFactory: createEventStore },
  ],
  exports: [EVENT_STORE, STORE_CONFIG],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
