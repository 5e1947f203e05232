import type { Answer } from '@tokentrail/domain';
import type { Expectation } from './scenario-schema';

/** Whether an answer meets an `expect` of SCENARIOS.md; null when nothing was expected. */
export function expectationHolds(expect: Expectation | undefined, answer: Answer): boolean | null {
  if (!expect) return null;
  if (expect.none !== undefined) {
    if (!!answer.none !== expect.none) return false;
    if (expect.none) return true;
  }
  if (expect.denied !== undefined) {
    if (!!answer.denied !== expect.denied) return false;
    if (expect.denied) return true;
  }
  const wantsGroups = expect.includes || expect.excludes || expect.equals;
  if (!wantsGroups) return true;
  if (answer.none || !answer.groups) return false;
  const groups = new Set(answer.groups.map((g) => g.toLowerCase()));
  if (expect.includes?.some((g) => !groups.has(g.toLowerCase()))) return false;
  if (expect.excludes?.some((g) => groups.has(g.toLowerCase()))) return false;
  if (expect.equals) {
    const want = new Set(expect.equals.map((g) => g.toLowerCase()));
    if (want.size !== groups.size || [...want].some((g) => !groups.has(g))) return false;
  }
  return true;
}
