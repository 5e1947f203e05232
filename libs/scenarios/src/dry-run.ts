import { randomUUID } from 'node:crypto';
import {
  DomainError,
  decide,
  emptyWorld,
  evolve,
  stamp,
  type Envelope,
  type World,
} from '@tokentrail/domain';
import { answerQuery, isUnknownName, worldSource } from '@tokentrail/projections';
import type { Plan, PlannedQuery } from './plan-scenario';
import { ScenarioInvalid, pathOf } from './scenario-invalid.error';

const noLineage = { get: () => undefined };

/**
 * Runs the whole plan in memory with the same decisions the real run uses, so that every name,
 * field and runtime refusal is found before anything is appended to the store. Each query is
 * asked of the world as it stands at its moment (or position), in one pass that keeps no log; a
 * name unknown then is checked against the whole log at the end (known later: `none`).
 */
export function dryRun(plan: Plan): void {
  const world = emptyWorld();
  const byPosition = plan.queries
    .filter((q) => q.asOf.position !== undefined)
    .sort((a, b) => (a.asOf.position as number) - (b.asOf.position as number));
  const byTime = plan.queries
    .filter((q) => q.asOf.at !== undefined)
    .sort((a, b) => (a.asOf.at as string).localeCompare(b.asOf.at as string));
  const later: PlannedQuery[] = [];
  const ask = (q: PlannedQuery, w: World, deferUnknown: boolean) => {
    try {
      answerQuery(worldSource(w, q.asOf.at ?? w.lastOccurredAt ?? plan.start, noLineage), q.query);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (deferUnknown && isUnknownName(error)) return void later.push(q);
      throw new ScenarioInvalid(
        pathOf(['queries', q.index, q.query.kind, ...(error.field ? [error.field] : [])]),
        error.message,
        q.index,
      );
    }
  };
  // A query is asked of the world just before the first event that is not part of it.
  const before = (e: Envelope) => {
    for (const queue of [byPosition, byTime]) {
      while (queue.length > 0 && !covers(queue[0], e))
        ask(queue.shift() as PlannedQuery, world, true);
    }
  };
  for (const c of plan.commands) {
    let events: Envelope[];
    try {
      events = stamp(world, decide(world, c.command, c.at), { at: c.at, newId: randomUUID });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const path = c.step
        ? pathOf(['steps', c.step.index, c.step.verb, ...(error.field ? [error.field] : [])])
        : 'domain';
      throw new ScenarioInvalid(path, error.message, c.step?.index);
    }
    for (const e of events) {
      before(e);
      evolve(world, e);
    }
  }
  for (const q of [...byPosition, ...byTime]) ask(q, world, true);
  // A name the log knows only after the moment asked is `none` then; one it never knows is wrong.
  for (const q of later)
    ask({ ...q, asOf: { at: world.lastOccurredAt ?? plan.start } }, world, false);
}

/** Whether the event still belongs to the world the query asks about. */
function covers(q: PlannedQuery, e: Envelope): boolean {
  return q.asOf.position !== undefined ? e.position <= q.asOf.position : e.occurredAt <= q.asOf.at;
}
