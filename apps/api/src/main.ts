import { InvalidConfiguration, parseStoreConfig } from '@tokentrail/event-store';

// Validate before Nest loads anything, so a bad environment is one clear line, not a stack trace.
try {
  parseStoreConfig(process.env);
} catch (error) {
  if (!(error instanceof InvalidConfiguration)) throw error;
  console.error(`tokentrail: ${error.message}`);
  process.exit(1);
}

import('./bootstrap.js')
  .then(({ bootstrap }) => bootstrap())
  .catch((error: unknown) => {
    console.error(`tokentrail: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
