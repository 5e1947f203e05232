import {
  DomainError,
  accessSids,
  groupNames,
  planRemediation,
  proveRemediation,
  type Answer,
  type Query,
  type RemediationTarget,
  type World,
} from '@tokentrail/domain';
import type { AnswerSource } from './answer-source';
import { artifactAnswer, explainAnswer, staleAnswer, truthAnswer } from './answers';

/**
 * Every query kind from one source; remediate plans on the folded world, then proves on a fork in
 * memory (so it needs a source with a world).
 */
export function answerQuery(source: AnswerSource & { world?: World }, query: Query): Answer {
  switch (query.kind) {
    case 'truth':
      return truthAnswer(source, query.args);
    case 'token':
    case 'tgt':
    case 'logonCache':
    case 'basicCache':
    case 'smbSession':
      return artifactAnswer(source, query.kind, query.args);
    case 'stale':
      return staleAnswer(source, query.args);
    case 'explain':
      return explainAnswer(source, query.args);
    case 'remediate': {
      if (!source.world) throw new Error('remediate is answered from a folded world');
      const plan = planRemediation(source.world, source.at, query.args as RemediationTarget);
      const seen = proveRemediation(source.world, source.at, plan);
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
 * logged on) is `none` at T, while a name the log never knows stays an error. `latest` is the
 * same source at the end of the log.
 */
export function answerAsOf(
  asOf: AnswerSource & { world?: World },
  query: Query,
  latest: () => AnswerSource & { world?: World },
): Answer {
  try {
    return answerQuery(asOf, query);
  } catch (error) {
    if (!isUnknownName(error)) throw error;
    try {
      answerQuery(latest(), query);
    } catch {
      throw error;
    }
    return { none: true };
  }
}
