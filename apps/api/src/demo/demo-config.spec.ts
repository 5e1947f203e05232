import { describe, expect, it } from 'vitest';
import { InvalidConfiguration } from '@tokentrail/event-store';
import { parseApiConfig } from '../api-config';

describe('TOKENTRAIL_DEMO', () => {
  it('given nothing, then on; given off, then off', () => {
    expect(parseApiConfig({}).TOKENTRAIL_DEMO).toBe('on');
    expect(parseApiConfig({ TOKENTRAIL_DEMO: 'off' }).TOKENTRAIL_DEMO).toBe('off');
  });

  it('given another value, then one line naming the variable', () => {
    expect(() => parseApiConfig({ TOKENTRAIL_DEMO: 'yes' })).toThrow(InvalidConfiguration);
    expect(() => parseApiConfig({ TOKENTRAIL_DEMO: 'yes' })).toThrow(/^TOKENTRAIL_DEMO .*"yes"/);
  });
});
