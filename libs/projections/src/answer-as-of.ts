import {
  accessSids,
  DomainError,
  groupNames,
  planRemediation,
  proveRemediation,
  type Answer,
  type Query,
  type RemediationTarget,
  type World,
} from '@tokentrail/domain';
import { artifactAnswer, explainAnswer, staleAnswer, truthAnswer } from './answers';
import type { EventLookup } from './event-lookup';

/**
 * Every query kind from a world folded up to `at`; remediate plans, then proves on a fork in
 * memory.
 */
export function answerQuery(world: World, events: EventLookup, at: string, query: Query): Answer {
  switch (query.kind) {
    case 'truth':
      return truthAnswer(world, query.args);
    case 'token':
    case 'tgt':
    case 'logonCache':
    case 'basicCache':
    case 'smbSession':
      return artifactAnswer(world, at, query.kind, query.args);
    case 'stale':
      return staleAnswer(world, at, query.args);
    case 'explain':
      return explainAnswer(world, events, at, query.args);
    case 'remediate': {
      const plan = planRemediation(world, at, query.args as RemediationTarget);
      const seen = proveRemediation(world, at, plan);
      const items = plan.actions.map((a) => ({ ...a }));
      if (seen.denied || !seen.membership)
        return { items, denied: true, reason: seen.reason ?? 'no access was made' };
      return {
        items,
        groups: groupNames(seen.membership),
        sids: accessSids(seen),
        ...(seen.source ? { source: seen.source } : {}),
      };
    }
    default: {
      const never: never = query;
      throw new Error(`unknown query ${JSON.stringify(never)}`);
    }
  }
}

const UNKNOWN = new Set(['UnknownPrincipal', 'UnknownSession', 'UnknownMachine', 'UnknownProcess']);

/** A refusal that names something unknown (at some moment; the log may know it later). */
export function isUnknownName(error: unknown): error is DomainError {
  return error instanceof DomainError && UNKNOWN.has(error.code);
}

/**
 * Answers as of T; a name the log knows only after T (a user created later, a session not yet
 * logged on) is `none` at T, while a name the log never knows stays an error.
 */
export function answerAsOf(
  asOf: World,
  events: EventLookup,
  at: string,
  query: Query,
  latest: () => World,
): Answer {
  try {
    return answerQuery(asOf, events, at, query);
  } catch (error) {
    if (!isUnknownName(error)) throw error;
    try {
      answerQuery(latest(), events, at, query);
    } catch {
      throw error;
    }
    return { none: true };
  }
}
