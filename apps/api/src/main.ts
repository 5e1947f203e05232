import {
  InvalidConfiguration,
  StoreUnusable,
  UnusableFile,
  parseStoreConfig,
  readModelFile,
} from '@tokentrail/event-store';
import { loadSigningKey } from '@tokentrail/event-store/signed-head';
import { assertStoreFile } from '@tokentrail/event-store/store-file';
import { parseApiConfig, refusalToListen, type ApiConfig } from './api-config';
import { projectorConfig } from '@tokentrail/projections/projector-config';
import { startTracing } from './observability/tracing';

/**
 * Everything that can be checked before Nest loads is checked here, so a bad environment, a store
 * path that is not a store, or an address that would expose the log without keys is one line and
 * exit status 1, not a stack trace.
 */
function checked(): ApiConfig {
  try {
    const store = parseStoreConfig(process.env);
    const api = parseApiConfig(process.env);
    projectorConfig(process.env);
    const refusal = refusalToListen(api);
    if (refusal) throw new InvalidConfiguration(refusal);
    if (store.TOKENTRAIL_STORE === 'embedded') assertStoreFile(store.TOKENTRAIL_DB);
    assertStoreFile(readModelFile(store));
    if (store.TOKENTRAIL_SIGNING_KEY) loadSigningKey(store.TOKENTRAIL_SIGNING_KEY);
    return api;
  } catch (error) {
    if (!(
      error instanceof InvalidConfiguration ||
      error instanceof StoreUnusable ||
      error instanceof UnusableFile
    ))
      throw error;
    console.error(`tokentrail: ${error.message}`);
    process.exit(1);
  }
}

const config = checked();
startTracing(config)
  .then((tracing) => import('./bootstrap.js').then(({ bootstrap }) => bootstrap(config, tracing)))
  .catch((error: unknown) => {
    console.error(
      `tokentrail: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
    process.exit(1);
  });
