import {
  accessSids,
  answerSchema,
  groupNames,
  tokenSids,
  type Answer,
  type SimEvent,
} from '@tokentrail/domain';
import { z } from 'zod';
import { expectSchema, type Expectation } from './scenario-schema';

/** One row of `results` (SCENARIOS.md, "Output of tokentrail run FILE --json"). */
export const resultRowSchema = answerSchema.extend({
  id: z.string(),
  kind: z.string(),
  at: z.string(),
  expect: expectSchema.optional(),
  pass: z.boolean().nullable(),
});
export type ResultRow = z.infer<typeof resultRowSchema>;

/** The JSON `tokentrail run FILE --json` prints. */
export const runOutputSchema = z.object({
  scenario: z.string(),
  events: z.number().int(),
  results: z.array(resultRowSchema),
  passed: z.number().int(),
  failed: z.number().int(),
});
export type RunOutput = z.infer<typeof runOutputSchema>;

/**
 * A step's answer from the events it produced: the token a logon built (limited half), what an
 * access saw.
 */
export function stepAnswer(events: readonly SimEvent[]): Answer {
  for (const e of events) {
    if (e.type === 'LoggedOn') {
      const { token } = e.data;
      return { groups: groupNames(token.membership), sids: tokenSids(token), denied: false };
    }
    if (e.type === 'LogonDenied') {
      const d = e.data;
      return {
        denied: true,
        reason:
          d.reason === 'sid-limit'
            ? `sid-limit: the token would hold ${d.sidCount} SIDs, more than maxTokenSids ${d.limit}`
            : 'no-cache-entry: no domain controller reachable and no logon-cache entry for the user',
      };
    }
    if (e.type === 'AccessMade') {
      const d = e.data;
      if (d.denied || !d.membership) return { denied: true, reason: d.reason };
      return {
        groups: groupNames(d.membership),
        sids: accessSids(d),
        source: d.source ?? undefined,
      };
    }
  }
  return {};
}

/** Key order as in SCENARIOS.md: id, kind, at, the answer, expect, pass. */
export function row(
  id: string,
  kind: string,
  at: string,
  answer: Answer,
  expect: Expectation | undefined,
  pass: boolean | null,
): ResultRow {
  const { none, groups, sids, denied, reason, source, items } = answer;
  return {
    id,
    kind,
    at,
    ...(none ? { none } : {}),
    ...(groups ? { groups } : {}),
    ...(sids ? { sids } : {}),
    ...(denied !== undefined ? { denied } : {}),
    ...(reason ? { reason } : {}),
    ...(source ? { source } : {}),
    ...(items ? { items } : {}),
    ...(expect ? { expect } : {}),
    pass,
  };
}
