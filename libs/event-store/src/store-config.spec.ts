import { describe, expect, it } from 'vitest';
import { InvalidConfiguration, parseStoreConfig } from './store-config';

describe('store configuration', () => {
  it('given nothing, then the embedded store at ./data/tokentrail.db', () => {
    expect(parseStoreConfig({})).toMatchObject({
      TOKENTRAIL_STORE: 'embedded',
      TOKENTRAIL_DB: './data/tokentrail.db',
    });
  });

  it('given an unknown store kind, then one line naming TOKENTRAIL_STORE', () => {
    expect(() => parseStoreConfig({ TOKENTRAIL_STORE: 'postgres' })).toThrow(InvalidConfiguration);
    expect(() => parseStoreConfig({ TOKENTRAIL_STORE: 'postgres' })).toThrow(
      /^TOKENTRAIL_STORE must be one of embedded, eventstoredb \(got "postgres"\)$/,
    );
  });

  it('given eventstoredb without a connection string, then one line naming EVENTSTORE_CONNECTION_STRING', () => {
    expect(() => parseStoreConfig({ TOKENTRAIL_STORE: 'eventstoredb' })).toThrow(
      /^EVENTSTORE_CONNECTION_STRING is required/,
    );
  });
});
