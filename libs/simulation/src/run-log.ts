import { Inject, Injectable } from '@nestjs/common';
import {
  decideCompleteRun,
  decideStartRun,
  evolveRuns,
  runStreamOf,
  runsStatus,
  type RunEvent,
  type Runs,
} from '@tokentrail/domain';
import { EVENT_STORE, type EventStore } from '@tokentrail/event-store';

type Started = Extract<RunEvent, { type: 'RunStarted' }>['data'];

/**
 * The runs of a simulation (scenario runs, imports), recorded in their own stream: a run that
 * started and never completed makes the simulation read `incomplete`.
 */
@Injectable()
export class RunLog {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async runs(simulation: string): Promise<{ runs: Runs; revision: bigint | null }> {
    const runs: Runs = new Map();
    let revision: bigint | null = null;
    for await (const e of this.store.readStream(runStreamOf(simulation))) {
      evolveRuns(runs, { type: e.type, data: e.data } as RunEvent, e.metadata);
      revision = e.revision;
    }
    return { runs, revision };
  }

  async status(simulation: string): Promise<'complete' | 'incomplete'> {
    return runsStatus((await this.runs(simulation)).runs);
  }

  start(simulation: string, data: Started, at: string): Promise<void> {
    return this.record(simulation, at, (runs) => decideStartRun(runs, data));
  }

  complete(simulation: string, run: string, at: string): Promise<void> {
    return this.record(simulation, at, (runs) => decideCompleteRun(runs, run));
  }

  private async record(
    simulation: string,
    at: string,
    decide: (runs: Runs) => RunEvent[],
  ): Promise<void> {
    const { runs, revision } = await this.runs(simulation);
    const events = decide(runs);
    if (events.length === 0) return;
    await this.store.append(
      runStreamOf(simulation),
      events.map((e) => ({
        type: e.type,
        data: e.data,
        metadata: { occurredAt: at, schemaVersion: 1, correlationId: e.data.run },
      })),
      { expectedRevision: revision ?? 'no_stream' },
    );
  }
}
