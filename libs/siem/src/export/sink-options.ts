import { InvalidArgument } from '@tokentrail/domain';
import { z } from 'zod';
import { SECRET_VARIABLES } from './sink-credentials';

/**
 * RFC 5612 reserves this Private Enterprise Number for documentation: no real message carries it.
 */
export const DOCUMENTATION_PEN = 32473;

const noCredentials = (url: string) => !new URL(url).username && !new URL(url).password;
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .refine(noCredentials, 'must not hold credentials: they come from the environment');
const syslogUrl = z
  .url({ protocol: /^(udp|tcp|tls)$/, error: 'must be udp://, tcp:// or tls://host:port' })
  .refine((url) => new URL(url).port !== '', 'must name the port (udp|tcp|tls://host:port)');

/** The IANA Private Enterprise Number of the syslog structured data ID `tokentrail@<pen>`. */
export const penSchema = z
  .int()
  .min(1)
  .refine(
    (n) => n !== DOCUMENTATION_PEN,
    `${DOCUMENTATION_PEN} is reserved for documentation (RFC 5612): use your organisation's own`,
  );

/** Items per request. */
const batchSize = z.int().min(1).max(10_000).default(100);
const common = {
  /** Per request, connection or handshake. */
  timeoutMs: z.int().min(1).default(10_000),
  attempts: z.int().min(1).max(20).default(5),
  backoffMs: z.int().min(0).default(500),
  maxDelayMs: z.int().min(0).default(30_000),
};
const required = (variable: string) => ({ error: `is required: set ${variable}` });

/**
 * Which sink and how: what the CLI builds from its flags and a future HTTP API would take as JSON.
 */
export const sinkOptionsSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('splunk'),
      batchSize,
      url: httpUrl,
      token: z.string(required(SECRET_VARIABLES.splunk.token)).min(1),
      index: z.string().min(1).optional(),
      sourcetype: z.string().min(1).default('tokentrail:ecs'),
      /** How long to poll for indexer acknowledgement, and how often. */
      ackTimeoutMs: z.int().min(0).default(60_000),
      ackPollMs: z.int().min(1).default(1_000),
      ...common,
    }),
    z
      .strictObject({
        kind: z.literal('elasticsearch'),
        batchSize,
        url: httpUrl,
        index: z
          .string()
          .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be a lower-case Elasticsearch index name')
          .default('tokentrail'),
        apiKey: z.string().min(1).optional(),
        username: z.string().min(1).optional(),
        password: z.string().min(1).optional(),
        ...common,
      })
      .refine((o) => (o.username === undefined) === (o.password === undefined), {
        path: ['password'],
        error: `basic auth needs both ${SECRET_VARIABLES.elasticsearch.username} and ${SECRET_VARIABLES.elasticsearch.password}`,
      }),
    z.strictObject({
      kind: z.literal('syslog'),
      batchSize,
      url: syslogUrl,
      pen: penSchema.optional(),
      /** PEM CA certificate(s) that verify a TLS collector (default: the system's). */
      caFile: z.string().min(1).optional(),
      ...common,
    }),
    z.strictObject({
      kind: z.literal('webhook'),
      url: httpUrl,
      /** Signs each request (X-Tokentrail-Signature); unsigned without one. */
      secret: z.string().min(1).optional(),
      /**
       * One item per request: the Idempotency-Key is the item's id, and a receiver takes events one
       * by one.
       */
      batchSize: z.literal(1, { error: 'the webhook posts one item per request' }).default(1),
      ...common,
    }),
  ],
  { error: 'must be one of splunk, elasticsearch, syslog, webhook' },
);

export type SinkOptions = z.input<typeof sinkOptionsSchema>;
export type SinkConfig = z.output<typeof sinkOptionsSchema>;
export type SinkKind = SinkConfig['kind'];
export type ConfigOf<K extends SinkKind> = Extract<SinkConfig, { kind: K }>;

/** Validated options with their defaults, or one line naming what is wrong (never a value). */
export function parseSinkOptions(input: SinkOptions): SinkConfig {
  const parsed = sinkOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue.code === 'unrecognized_keys')
    throw new InvalidArgument(issue.keys.join(', '), `is not an option of the ${input.kind} sink`);
  throw new InvalidArgument(issue.path.join('.') || 'sink', issue.message);
}
