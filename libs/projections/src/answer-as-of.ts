import { DomainError, type World } from '@tokentrail/domain';
import { answerQuery } from './answer-query';
import type { Answer, Query } from './query';

const UNKNOWN = new Set(['UnknownPrincipal', 'UnknownSession', 'UnknownMachine', 'UnknownProcess']);

/**
 * Answers as of T; a name the log knows only after T (a user created later, a session not yet
 * logged on) is `none` at T, while a name the log never knows stays an error.
 */
export function answerAsOf(asOf: World, at: string, query: Query, latest: () => World): Answer {
  try {
    return answerQuery(asOf, at, query);
  } catch (error) {
    if (!(error instanceof DomainError) || !UNKNOWN.has(error.code)) throw error;
    try {
      answerQuery(latest(), at, query);
    } catch {
      throw error;
    }
    return { none: true };
  }
}
