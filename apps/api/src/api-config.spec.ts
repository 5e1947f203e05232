import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidConfiguration } from '@tokentrail/event-store';
import { isLoopback, parseApiConfig, refusalToListen } from './api-config';
import { hashApiKey } from './api-keys';

const keyFile = (content: unknown) => {
  const file = join(mkdtempSync(join(tmpdir(), 'tt-keys-')), 'keys.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
};

describe('API configuration', () => {
  it('given nothing, then loopback, no keys, 10 MiB bodies and the other defaults', () => {
    const config = parseApiConfig({});
    expect(config).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 3000,
      TOKENTRAIL_MAX_BODY: 10 * 1024 * 1024,
      TOKENTRAIL_MAX_DEPTH: 64,
      TOKENTRAIL_MAX_STEPS: 100_000,
      TOKENTRAIL_MAX_IMPORT_RECORDS: 1_000_000,
      TOKENTRAIL_RATE_LIMIT: 600,
      TOKENTRAIL_RATE_WINDOW: 60,
    });
    expect(config.keys.configured).toBe(false);
    expect(config.allowedHosts).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(refusalToListen(config)).toBeNull();
  });

  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['example.org', false],
  ])('given HOST=%s, then loopback is %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });

  it('given a non-loopback HOST, then it needs keys to listen', () => {
    expect(refusalToListen(parseApiConfig({ HOST: '0.0.0.0' }))).toMatch(
      /^HOST=0\.0\.0\.0 is not a loopback address and no API keys are configured/,
    );
    const file = keyFile({ keys: [{ id: 'a', role: 'admin', sha256: hashApiKey('k') }] });
    const keyed = parseApiConfig({ HOST: '10.1.2.3', TOKENTRAIL_API_KEYS_FILE: file });
    expect(refusalToListen(keyed)).toBeNull();
    expect(keyed.allowedHosts).toContain('10.1.2.3');
    expect(keyed.keys.find('k')).toMatchObject({ id: 'a', role: 'admin' });
    expect(keyed.keys.find('K')).toBeNull();
  });

  it.each([
    [{ TOKENTRAIL_API_KEYS: 'nope' }, /^TOKENTRAIL_API_KEYS is not JSON/],
    [
      { TOKENTRAIL_API_KEYS: '{"keys":[{"id":"a","role":"admin","sha256":"abc"}]}' },
      /keys\.0\.sha256 must be 64 lowercase hex digits/,
    ],
    [
      { TOKENTRAIL_API_KEYS_FILE: '/no/such/file' },
      /^TOKENTRAIL_API_KEYS_FILE cannot be read \(ENOENT\)$/,
    ],
    [{ TOKENTRAIL_MAX_BODY: '10tb' }, /^TOKENTRAIL_MAX_BODY must be a size/],
    [{ TOKENTRAIL_RATE_LIMIT: '0' }, /^TOKENTRAIL_RATE_LIMIT /],
    [{ PORT: 'http' }, /^PORT must be a port number from 0 to 65535 \(got "http"\)$/],
    [{ PORT: '' }, /^PORT must be a port number/],
    [{ PORT: '70000' }, /^PORT must be a port number/],
    [{ TOKENTRAIL_LOG_LEVEL: 'loud' }, /^TOKENTRAIL_LOG_LEVEL must be one of fatal, error, warn/],
    [{ TOKENTRAIL_TRACING: 'yes' }, /^TOKENTRAIL_TRACING must be one of on, off/],
    [{ TOKENTRAIL_READY_MAX_LAG: '0' }, /^TOKENTRAIL_READY_MAX_LAG /],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' },
      /^OTEL_EXPORTER_OTLP_ENDPOINT must be an http:\/\/ or https:\/\/ URL/,
    ],
    [
      { OTEL_TRACES_EXPORTER: 'jaeger' },
      /^OTEL_TRACES_EXPORTER must be otlp, console, zipkin or none/,
    ],
  ])('given %j, then one line naming the variable', (env, message) => {
    expect(() => parseApiConfig(env)).toThrow(InvalidConfiguration);
    expect(() => parseApiConfig(env)).toThrow(message);
  });

  it('given a key id used twice, then it is refused', () => {
    const entry = { id: 'a', role: 'reader', sha256: hashApiKey('x') };
    expect(() =>
      parseApiConfig({ TOKENTRAIL_API_KEYS: JSON.stringify({ keys: [entry, entry] }) }),
    ).toThrow('the id "a" is used twice');
  });
});
