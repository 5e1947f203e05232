import type { RunOutput } from '@tokentrail/scenarios';
import { describeAnswer, describeExpectation, describeItems } from './print-answer';
import { colors, table } from './style';

/**
 * The readable results `tokentrail run FILE` prints without --json: a table (a FAIL row says what
 * was expected), then each answer's items (explain, stale, remediate) as they read best.
 */
export function printTable(out: RunOutput): string {
  const rows = out.results.map((r) => [
    r.id,
    r.kind,
    r.at.replace('.000Z', 'Z'),
    describeAnswer(r) + (r.source ? colors.dim(`  [${r.source}]`) : ''),
    r.pass === null ? '' : r.pass ? colors.green('pass') : colors.red(colors.bold('FAIL')),
    r.pass === false && r.expect ? describeExpectation(r.expect) : '',
  ]);
  const detail = out.results.flatMap((r) =>
    r.items?.length
      ? [
          '',
          `${colors.bold(r.id)} (${r.kind}):`,
          ...describeItems(r.kind, r.items).map((l) => `  ${l}`),
        ]
      : [],
  );
  const summary = `${out.passed} passed, ${out.failed} failed`;
  return [
    `scenario: ${out.scenario}`,
    `events: ${out.events}`,
    '',
    table(['id', 'kind', 'at', 'answer', 'result', 'expected'], rows),
    ...detail,
    '',
    out.failed > 0 ? colors.red(summary) : colors.green(summary),
  ].join('\n');
}
