import type { TimedCommand } from './simulation';

export interface ExecuteOptions {
  /** Correlates every event of one scenario run, API call or import (a run's id). */
  correlationId?: string;
  /**
   * `skip`: a refused command stores nothing and the batch goes on (imports); `fail`: it throws.
   */
  refusals?: 'fail' | 'skip';
}

/**
 * The one command of the write side: a batch of verbs for one simulation, each decided in order
 * against the whole simulation at a known version, each stored all or nothing.
 */
export class ExecuteCommands {
  constructor(
    readonly simulation: string,
    readonly batch: readonly TimedCommand[],
    readonly options: ExecuteOptions = {},
  ) {}
}
