import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isSimEventType, simulationPrefix, type SimEvent } from '@tokentrail/domain';
import { QueryService, type Answer } from '@tokentrail/projections';
import { CommandSender, RemediationService, SimulationService } from '@tokentrail/simulation';
import { dryRun } from './dry-run';
import { expectationHolds } from './expectation';
import type { Plan } from './plan-scenario';
import { row, stepAnswer, type ResultRow, type RunOutput } from './scenario-result';
import { SimulationExists } from './simulation-exists.error';

export interface RunOptions {
  simulation: string;
  /** Called after each command, for progress on long scenarios. */
  onProgress?: (done: number, total: number) => void;
}

/** Runs a planned scenario: validate in memory, one command per step through the CommandBus, then time-travel queries. */
@Injectable()
export class ScenarioRunner {
  constructor(
    private readonly commands: CommandSender,
    private readonly simulations: SimulationService,
    private readonly queries: QueryService,
    private readonly remediation: RemediationService,
  ) {}

  async run(plan: Plan, options: RunOptions): Promise<RunOutput> {
    simulationPrefix(options.simulation); // a bad id fails before anything runs
    dryRun(plan);
    const existing = await this.simulations.load(options.simulation);
    if (existing.world.seq > 0) throw new SimulationExists(options.simulation, existing.world.seq);

    const correlationId = randomUUID();
    const results: ResultRow[] = [];
    let events = 0;
    for (const [i, c] of plan.commands.entries()) {
      const outcome = await this.commands.send(options.simulation, c.command, c.at, {
        correlationId,
      });
      events += outcome.events.length;
      options.onProgress?.(i + 1, plan.commands.length);
      if (!c.step?.id) continue;
      const answer = stepAnswer(
        outcome.events
          .filter((e) => isSimEventType(e.type))
          .map((e) => ({ type: e.type, data: e.data }) as SimEvent),
      );
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
    }
    for (const q of plan.queries) {
      const answer: Answer & { at: string; fork?: string } =
        q.query.kind === 'remediate'
          ? await this.remediation.remediate(options.simulation, q.query.args, q.asOf)
          : await this.queries.answer(options.simulation, q.query, q.asOf);
      if (q.id === undefined) continue;
      results.push(
        row(q.id, q.query.kind, answer.at, answer, q.expect, expectationHolds(q.expect, answer)),
      );
    }
    return {
      scenario: plan.title,
      events,
      results,
      passed: results.filter((r) => r.pass === true).length,
      failed: results.filter((r) => r.pass === false).length,
    };
  }
}
