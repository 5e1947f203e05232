import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { decode, streamOf, type SimEvent } from '@tokentrail/domain';
import { EVENT_STORE, type EventStore } from '@tokentrail/event-store';
import { QueryService } from '@tokentrail/projections';
import { CommandSender, RunLog, SimulationRepository } from '@tokentrail/simulation';
import { dryRun } from './dry-run';
import { expectationHolds } from './expectation';
import { NothingToResume } from './nothing-to-resume.error';
import { planHash, type Plan } from './plan-scenario';
import { row, stepAnswer, type ResultRow, type RunOutput } from './scenario-result';
import { SimulationExists } from './simulation-exists.error';

export interface RunOptions {
  simulation: string;
  /** Finish an interrupted run of the same scenario in this simulation. */
  resume?: boolean;
  /** Called after each batch of commands, for progress on long scenarios. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /** Commands per batch (each command is still stored all or nothing). */
  batch?: number;
}

/**
 * Runs a planned scenario: validate in memory, record the run's start, send its commands through
 * the CommandBus in batches (each tagged with its index, so an interrupted run can be resumed to
 * exactly the log an uninterrupted one writes), record its completion, then ask the queries.
 */
@Injectable()
export class ScenarioRunner {
  constructor(
    private readonly commands: CommandSender,
    private readonly simulations: SimulationRepository,
    private readonly runs: RunLog,
    private readonly queries: QueryService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async run(plan: Plan, options: RunOptions): Promise<RunOutput> {
    const { simulation } = options;
    streamOf(simulation); // a bad id fails before anything runs
    dryRun(plan);
    const { run, from } = await this.begin(plan, options);
    const steps = new Map<number, SimEvent[]>();
    if (from > 0)
      for (const [i, events] of await this.storedSteps(plan, simulation, run, from))
        steps.set(i, events);
    const size = options.batch ?? 200;
    for (let i = from; i < plan.commands.length; i += size) {
      const batch = plan.commands
        .slice(i, i + size)
        .map((c, k) => ({ command: c.command, at: c.at, index: i + k }));
      const results = await this.commands.batch(simulation, batch, {
        correlationId: run,
        refusals: 'fail',
      });
      results.forEach(
        (r, k) =>
          'events' in r &&
          plan.commands[i + k].step?.id &&
          steps.set(
            i + k,
            r.events.map((e) => e.event),
          ),
      );
      await options.onProgress?.(Math.min(i + size, plan.commands.length), plan.commands.length);
    }
    await this.runs.complete(simulation, run, plan.commands.at(-1)?.at ?? plan.start);

    const results: ResultRow[] = [];
    plan.commands.forEach((c, i) => {
      if (!c.step?.id) return;
      const answer = stepAnswer(steps.get(i) ?? []);
      results.push(
        row(
          c.step.id,
          c.step.verb,
          c.at,
          answer,
          c.step.expect,
          expectationHolds(c.step.expect, answer),
        ),
      );
    });
    for (const q of plan.queries) {
      const answer = await this.queries.answer(simulation, q.query, q.asOf);
      if (q.id === undefined) continue;
      results.push(
        row(q.id, q.query.kind, answer.at, answer, q.expect, expectationHolds(q.expect, answer)),
      );
    }
    const events = (await this.simulations.load(simulation)).world.position;
    return {
      scenario: plan.title,
      events,
      results,
      passed: results.filter((r) => r.pass === true).length,
      failed: results.filter((r) => r.pass === false).length,
    };
  }

  /**
   * A new run into an empty simulation, or the interrupted run of this very plan and where it
   * stopped.
   */
  private async begin(plan: Plan, options: RunOptions): Promise<{ run: string; from: number }> {
    const { simulation } = options;
    const hash = planHash(plan);
    const { runs } = await this.runs.runs(simulation);
    const sim = await this.simulations.load(simulation);
    if (options.resume) {
      const open = [...runs.values()].find((r) => r.kind === 'scenario' && !r.completed);
      if (!open)
        throw new NothingToResume(
          simulation,
          runs.size ? 'every run of it has completed' : 'no run of a scenario started there',
        );
      if (open.planHash !== hash)
        throw new NothingToResume(
          simulation,
          'its interrupted run is of another scenario (or the file changed since)',
        );
      return { run: open.run, from: (sim.world.runProgress.get(open.run) ?? -1) + 1 };
    }
    if (sim.world.position > 0 || runs.size > 0)
      throw new SimulationExists(simulation, sim.world.position);
    const run = randomUUID();
    await this.runs.start(
      simulation,
      { run, kind: 'scenario', title: plan.title, commands: plan.commands.length, planHash: hash },
      plan.start,
    );
    return { run, from: 0 };
  }

  /**
   * The events an interrupted run stored for its steps that carry an id (their results are reported
   * too).
   */
  private async storedSteps(
    plan: Plan,
    simulation: string,
    run: string,
    before: number,
  ): Promise<Map<number, SimEvent[]>> {
    const wanted = new Set(
      plan.commands.slice(0, before).flatMap((c, i) => (c.step?.id ? [i] : [])),
    );
    const out = new Map<number, SimEvent[]>();
    if (wanted.size === 0) return out;
    for await (const stored of this.store.readStream(streamOf(simulation))) {
      const e = decode(stored);
      if (e.correlationId !== run || e.command === null || !wanted.has(e.command)) continue;
      out.set(e.command, [...(out.get(e.command) ?? []), e.event]);
    }
    return out;
  }
}
