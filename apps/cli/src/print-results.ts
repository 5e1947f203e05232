import type { ResultRow, RunOutput } from '@tokentrail/scenarios';

function describe(r: ResultRow): string {
  if (r.none) return 'none';
  if (r.denied) return `denied${r.reason ? `: ${r.reason}` : ''}`;
  const parts: string[] = [];
  if (r.groups) parts.push(r.groups.length ? r.groups.join(', ') : '(no groups)');
  if (r.items) parts.push(`${r.items.length} item${r.items.length === 1 ? '' : 's'}`);
  return parts.join('; ');
}

/** The readable table `tokentrail run FILE` prints without --json. */
export function printTable(out: RunOutput): string {
  const rows = out.results.map((r) => [
    r.id,
    r.kind,
    r.at.replace('.000Z', 'Z'),
    describe(r) + (r.source ? `  [${r.source}]` : ''),
    r.pass === null ? '' : r.pass ? 'pass' : 'FAIL',
  ]);
  const head = ['id', 'kind', 'at', 'groups', 'expect'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const detail = out.results.flatMap((r) =>
    r.items?.length
      ? [``, `${r.id}:`, ...r.items.map((item) => `  - ${JSON.stringify(item)}`)]
      : [],
  );
  return [
    `scenario: ${out.scenario}`,
    `events: ${out.events}`,
    '',
    line(head),
    ...rows.map(line),
    ...detail,
    '',
    `${out.passed} passed, ${out.failed} failed`,
  ].join('\n');
}
