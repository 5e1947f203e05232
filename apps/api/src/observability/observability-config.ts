import { z } from 'zod';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' });

/** Logs, readiness and tracing: read from the environment, checked before anything starts. */
export const observabilityConfigSchema = z.object({
  /** `info` by default; `debug` also shows Nest's start-up chatter (modules, every route). */
  TOKENTRAIL_LOG_LEVEL: z.enum(LEVELS).default('info'),
  /** Readiness fails when the projector is more than this many seconds behind; unset: never. */
  TOKENTRAIL_READY_MAX_LAG: z.coerce.number().int().min(1).optional(),
  /** `on`: OpenTelemetry traces of every HTTP request, exported as the OTEL_* variables say. */
  TOKENTRAIL_TRACING: z.enum(['on', 'off']).default('off'),
  OTEL_SERVICE_NAME: z.string().min(1).default('tokentrail'),
  OTEL_TRACES_EXPORTER: z
    .string()
    .regex(/^(otlp|console|zipkin|none)(,(otlp|console|zipkin|none))*$/, {
      message: 'must be otlp, console, zipkin or none (comma-separated)',
    })
    .optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['grpc', 'http/protobuf', 'http/json']).optional(),
});

export type ObservabilityConfig = z.infer<typeof observabilityConfigSchema>;
