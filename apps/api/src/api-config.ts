import { isIP } from 'node:net';
import { z } from 'zod';
import { parseEnvironment } from '@tokentrail/event-store';
import { loadApiKeys, type ApiKeys } from './api-keys';
import { observabilityConfigSchema } from './observability/observability-config';
import { demoConfigSchema } from './demo/demo-config';

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

const bytes = z
  .string()
  .regex(/^\d+(b|kb|mb|gb)?$/i, 'must be a size such as 512kb or 10mb')
  .transform((v) => {
    const m = /^(\d+)([a-z]*)$/i.exec(v) as RegExpExecArray;
    return Number(m[1]) * UNITS[(m[2] || 'b').toLowerCase()];
  })
  .refine((n) => n >= 1024 && n <= 1024 ** 3, 'must be from 1kb to 1gb');

const whole = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);

/** A TCP port (0: any free one); digits only, so `PORT=` or `PORT=80abc` is not 0 or NaN. */
const port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535')
  .transform(Number)
  .refine((n) => n <= 65535, 'must be a port number from 0 to 65535');

/** The API's environment, validated before anything listens. */
export const apiConfigSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  TOKENTRAIL_API_KEYS_FILE: z.string().min(1).optional(),
  TOKENTRAIL_API_KEYS: z.string().min(1).optional(),
  /** Host names the server answers to besides loopback and HOST (comma-separated). */
  TOKENTRAIL_ALLOWED_HOSTS: z.string().optional(),
  /** The largest JSON or YAML body. */
  TOKENTRAIL_MAX_BODY: bytes.default(10 * 1024 ** 2),
  /** The largest import body (NDJSON). */
  TOKENTRAIL_MAX_IMPORT_BODY: bytes.default(256 * 1024 ** 2),
  /** Arrays and objects nested deeper than this in a body are refused (422). */
  TOKENTRAIL_MAX_DEPTH: whole(2, 64).pipe(z.number().max(10_000)),
  TOKENTRAIL_MAX_STEPS: whole(1, 100_000),
  TOKENTRAIL_MAX_IMPORT_RECORDS: whole(1, 1_000_000),
  /** Requests per client (its key, else its address) per window. */
  TOKENTRAIL_RATE_LIMIT: whole(1, 600),
  TOKENTRAIL_RATE_WINDOW: whole(1, 60),
  ...observabilityConfigSchema.shape,
  ...demoConfigSchema.shape,
});

export type ApiConfig = z.infer<typeof apiConfigSchema> & { keys: ApiKeys; allowedHosts: string[] };

export const API_CONFIG = Symbol('API_CONFIG');

/** 127.0.0.0/8, ::1 and localhost: the only addresses served without keys. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

export function parseApiConfig(env: Record<string, string | undefined>): ApiConfig {
  const config = parseEnvironment(apiConfigSchema, env);
  const keys = loadApiKeys(config);
  const host = config.HOST.replace(/^\[|\]$/g, '').toLowerCase();
  const wildcard = host === '0.0.0.0' || host === '::';
  const allowedHosts = [
    'localhost',
    '127.0.0.1',
    '::1',
    ...(wildcard ? [] : [host]),
    ...(config.TOKENTRAIL_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  ];
  return { ...config, keys, allowedHosts: [...new Set(allowedHosts)] };
}

/**
 * Why the server must not start, or null: a non-loopback address without keys would hand every
 * investigation to the network.
 */
export function refusalToListen(config: ApiConfig): string | null {
  if (isLoopback(config.HOST) || config.keys.configured) return null;
  return `HOST=${config.HOST} is not a loopback address and no API keys are configured: refusing to serve investigations to the network without access control (set TOKENTRAIL_API_KEYS_FILE, or listen on 127.0.0.1)`;
}
