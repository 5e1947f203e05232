import { startApi } from '../support/api-process';
import { percentiles, since } from './percentiles';

export interface HealthFigures {
  healthMs: ReturnType<typeof percentiles>;
  /** How long the API's worker took to rebuild the read model from position 0. */
  workerRebuildSeconds: number;
}

/**
 * The API started on the log with an empty read model, as after an upgrade: /health asked over
 * and over (one request at a time) while its projector thread rebuilds every projection.
 */
export async function healthDuringRebuild(
  storeFile: string,
  readFile: string,
): Promise<HealthFigures> {
  const api = await startApi({
    TOKENTRAIL_DB: storeFile,
    TOKENTRAIL_READ_DB: readFile,
    TOKENTRAIL_PROJECTOR: 'worker',
    TOKENTRAIL_DEMO: 'off',
  });
  const start = process.hrtime.bigint();
  const samples: number[] = [];
  try {
    for (;;) {
      const asked = process.hrtime.bigint();
      const h = await api.health();
      samples.push(since(asked));
      if (h.projectedPosition !== null && h.projectedPosition === h.lastPosition) break;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    api.child.kill('SIGKILL');
  }
  return {
    healthMs: percentiles(samples),
    workerRebuildSeconds: +(since(start) / 1000).toFixed(1),
  };
}
