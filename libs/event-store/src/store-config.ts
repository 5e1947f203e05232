import { z } from 'zod';

/** The environment that selects and configures the event store; validated once at start-up. */
export const storeConfigSchema = z
  .object({
    TOKENTRAIL_STORE: z.enum(['embedded', 'eventstoredb']).default('embedded'),
    TOKENTRAIL_DB: z.string().min(1).default('./data/tokentrail.db'),
    EVENTSTORE_CONNECTION_STRING: z.string().optional(),
    /** The projections' read model (SQLite); default: beside the embedded store's file. */
    TOKENTRAIL_READ_DB: z.string().min(1).optional(),
    /** How many simulations the write side keeps loaded (least recently used ones are evicted). */
    TOKENTRAIL_LOADED_SIMULATIONS: z.coerce.number().int().min(1).default(4),
    /** An Ed25519 private key (PKCS#8 PEM file): the embedded store signs its heads with it. */
    TOKENTRAIL_SIGNING_KEY: z.string().min(1).optional(),
    /**
     * Seconds between signed heads while the API runs (only when something was appended); 0: off;
     * unset: SEAL_INTERVAL_DEFAULT.
     */
    TOKENTRAIL_SEAL_INTERVAL: z.coerce.number().int().min(0).optional(),
    /** A public key (PEM file) whose signed heads `verify` trusts, beside the signing key's own. */
    TOKENTRAIL_VERIFY_KEY: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.TOKENTRAIL_STORE === 'eventstoredb' && !env.EVENTSTORE_CONNECTION_STRING) {
      ctx.addIssue({
        code: 'custom',
        path: ['EVENTSTORE_CONNECTION_STRING'],
        message:
          'is required when TOKENTRAIL_STORE=eventstoredb (e.g. esdb://localhost:2113?tls=false)',
      });
    }
  });

export type StoreConfig = z.infer<typeof storeConfigSchema>;
/** Seconds between signed heads when TOKENTRAIL_SEAL_INTERVAL is unset. */
export const SEAL_INTERVAL_DEFAULT = 300;
/** The environment variables the configuration reads. */
export const CONFIG_VARIABLES = Object.keys(storeConfigSchema.shape);

/** Nest injection token for the validated StoreConfig. */
export const STORE_CONFIG = Symbol('STORE_CONFIG');

/**
 * Where the read model lives: TOKENTRAIL_READ_DB, else `<db>.read.db` beside the event log (in
 * memory with it).
 */
export function readModelFile(config: StoreConfig): string {
  if (config.TOKENTRAIL_READ_DB) return config.TOKENTRAIL_READ_DB;
  if (config.TOKENTRAIL_STORE === 'eventstoredb') return './data/tokentrail.read.db';
  if (config.TOKENTRAIL_DB === ':memory:') return ':memory:';
  return config.TOKENTRAIL_DB.replace(/(\.db)?$/, '.read.db');
}

/** A configuration error in one line that names the variable. */
export class InvalidConfiguration extends Error {
  override readonly name = 'InvalidConfiguration';
}

/** Checks variables against a schema; the first problem is one line that names its variable. */
export function parseEnvironment<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const variable = issue.path.join('.');
  const detail =
    issue.code === 'invalid_value'
      ? `must be one of ${issue.values.map(String).join(', ')}`
      : issue.message;
  throw new InvalidConfiguration(
    `${variable} ${detail} (got ${JSON.stringify(env[variable] ?? null)})`,
  );
}

export function parseStoreConfig(env: Record<string, string | undefined>): StoreConfig {
  return parseEnvironment(storeConfigSchema, env);
}
