import { parseEnvironment } from '@tokentrail/event-store';
import { z } from 'zod';

/** How the projector runs; read from the environment, checked once at start-up. */
export const projectorConfigSchema = z.object({
  /**
   * `worker` (default): in a worker thread, so the API answers while it catches up; `inline`: on
   * the main thread (an in-memory store or read model, or running from sources, is always
   * projected inline); `off`: not at all.
   */
  TOKENTRAIL_PROJECTOR: z.enum(['worker', 'inline', 'off']).default('worker'),
  /** Events per read-model transaction at most. */
  TOKENTRAIL_PROJECTOR_BATCH: z.coerce.number().int().min(1).default(5000),
  /**
   * A test hook: project up to this global position and hold there, so a test decides where a
   * projection is interrupted instead of racing it.
   */
  TOKENTRAIL_PROJECTOR_HOLD_AT: z.coerce.bigint().optional(),
});

export type ProjectorConfig = z.infer<typeof projectorConfigSchema>;

export const projectorConfig = (env: Record<string, string | undefined>): ProjectorConfig =>
  parseEnvironment(projectorConfigSchema, env);
