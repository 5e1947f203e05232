import { z } from 'zod';
import { named } from './openapi-schemas';

const storeKind = z.enum(['embedded', 'eventstoredb']);

/** How far the read model is behind the log. */
export const projectorLagSchema = named(
  'ProjectorLag',
  z.object({
    events: z
      .number()
      .int()
      .describe(
        'global positions not yet projected (events on the embedded store; on EventStoreDB a difference of positions)',
      ),
    seconds: z.number().describe('age of the oldest event not yet projected; 0 when caught up'),
  }),
);

/** `GET /health`: the store, its head and the projector's, in one flat body tools already read. */
export const healthSchema = named(
  'Health',
  z.object({
    status: z.literal('ok'),
    store: storeKind,
    lastPosition: z
      .string()
      .nullable()
      .describe('the log’s last global position (signed heads aside)'),
    projectedPosition: z.string().nullable().describe('the read model’s checkpoint'),
    projector: z.enum(['worker', 'inline', 'off']),
    lag: projectorLagSchema,
  }),
);
export type Health = z.infer<typeof healthSchema>;

/** `GET /health` when the store does not answer (503). */
export const healthUnavailableSchema = named(
  'HealthUnavailable',
  z.object({
    status: z.literal('unavailable'),
    store: storeKind,
    message: z.string(),
  }),
);
export type HealthUnavailable = z.infer<typeof healthUnavailableSchema>;

const indicator = z
  .object({ status: z.enum(['up', 'down']) })
  .catchall(z.unknown())
  .describe('one check: `up` or `down`, with what it saw');
const indicators = z.record(z.string(), indicator);

/** `@nestjs/terminus`'s body for liveness and readiness (200 when every check is up, else 503). */
export const healthCheckSchema = named(
  'HealthCheck',
  z.object({
    status: z.enum(['ok', 'error', 'shutting_down']),
    info: indicators.optional().describe('the checks that are up'),
    error: indicators.optional().describe('the checks that are down'),
    details: indicators.describe('every check'),
  }),
);
