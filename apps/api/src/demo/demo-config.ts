import { z } from 'zod';

/** The first start's demo, validated with the rest of the API's environment. */
export const demoConfigSchema = z.object({
  /**
   * `on`: a start on a store that holds no investigation loads the example scenarios into demo
   * simulations (once: those already there, or deleted, are not loaded again) and prints the
   * page's address on the SMB example's stale window. `off`: nothing of the kind.
   */
  TOKENTRAIL_DEMO: z.enum(['on', 'off']).default('on'),
});
