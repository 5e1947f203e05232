import {
  DomainError,
  decide,
  emptyWorld,
  evolveWorld,
  planRemediation,
  type FoldedEvent,
  type RemediationTarget,
} from '@tokentrail/domain';
import { answerAsOf } from '@tokentrail/projections';
import type { Plan } from './plan-scenario';
import { ScenarioInvalid, pathOf } from './scenario-invalid.error';

/**
 * Runs the whole plan in memory with the same decisions the real run uses, so that every name,
 * field and runtime refusal is found before anything is appended to the store.
 */
export function dryRun(plan: Plan): void {
  const world = emptyWorld();
  const log: FoldedEvent[] = [];
  let seq = 0;
  for (const c of plan.commands) {
    try {
      for (const d of decide(world, c.command, c.at)) {
        const f: FoldedEvent = { ...d, occurredAt: c.at, seq: ++seq, position: BigInt(seq) };
        evolveWorld(world, f);
        log.push(f);
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const path = c.step
        ? pathOf(['steps', c.step.index, c.step.verb, ...(error.field ? [error.field] : [])])
        : 'domain';
      throw new ScenarioInvalid(path, error.message, c.step?.index);
    }
  }
  for (const q of plan.queries) {
    const asOf = emptyWorld();
    for (const f of log) {
      if (
        q.asOf.position !== undefined
          ? f.seq > q.asOf.position
          : Date.parse(f.occurredAt) > Date.parse(q.asOf.at)
      )
        continue;
      evolveWorld(asOf, f);
    }
    const at = q.asOf.at ?? asOf.lastOccurredAt ?? plan.start;
    try {
      if (q.query.kind === 'remediate')
        planRemediation(asOf, at, q.query.args as RemediationTarget);
      else answerAsOf(asOf, at, q.query, () => world);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new ScenarioInvalid(
        pathOf(['queries', q.index, q.query.kind, ...(error.field ? [error.field] : [])]),
        error.message,
        q.index,
      );
    }
  }
}
