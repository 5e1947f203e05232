import type { Envelope } from '../events/envelope';
import { InvalidArgument } from '../errors';

/**
 * A run of commands into a simulation (a scenario or an import) records its start and its
 * completion beside the simulation's log, so that one that was interrupted reads incomplete and
 * can be resumed. They are facts about tokentrail's work, not about the simulated world, so they
 * stand outside the simulation's log (whose positions stay the world's own).
 */
export type RunEvent =
  | {
      type: 'RunStarted';
      data: {
        run: string;
        kind: 'scenario' | 'import';
        title: string;
        commands: number | null;
        planHash: string | null;
      };
    }
  | { type: 'RunCompleted'; data: { run: string } };

export interface RunState {
  run: string;
  kind: 'scenario' | 'import';
  title: string;
  commands: number | null;
  planHash: string | null;
  startedAt: string;
  completed: boolean;
}

export type Runs = Map<string, RunState>;

export function evolveRuns(runs: Runs, event: RunEvent, e: Pick<Envelope, 'occurredAt'>): Runs {
  switch (event.type) {
    case 'RunStarted':
      runs.set(event.data.run, { ...event.data, startedAt: e.occurredAt, completed: false });
      return runs;
    case 'RunCompleted': {
      const run = runs.get(event.data.run);
      if (run) run.completed = true;
      return runs;
    }
    default: {
      const never: never = event;
      throw new Error(`unknown run event ${JSON.stringify(never)}`);
    }
  }
}

export function decideStartRun(
  runs: Runs,
  data: Extract<RunEvent, { type: 'RunStarted' }>['data'],
): RunEvent[] {
  if (runs.has(data.run)) throw new InvalidArgument('run', `run "${data.run}" has already started`);
  return [{ type: 'RunStarted', data }];
}

export function decideCompleteRun(runs: Runs, run: string): RunEvent[] {
  const r = runs.get(run);
  if (!r) throw new InvalidArgument('run', `no run "${run}"`);
  return r.completed ? [] : [{ type: 'RunCompleted', data: { run } }];
}

/**
 * `complete` unless a run started and never completed (it was interrupted: `--resume` finishes it).
 */
export function runsStatus(runs: Runs): 'complete' | 'incomplete' {
  for (const r of runs.values()) if (!r.completed) return 'incomplete';
  return 'complete';
}
