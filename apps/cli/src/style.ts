import Table from 'cli-table3';
import { createColors } from 'picocolors';

/** Colour on a terminal only; NO_COLOR turns it off and FORCE_COLOR on (scripts get plain text). */
export const colors = createColors(
  !process.env.NO_COLOR && (!!process.env.FORCE_COLOR || !!process.stdout.isTTY),
);

const NO_BORDERS = Object.fromEntries(
  [
    'top',
    'top-mid',
    'top-left',
    'top-right',
    'bottom',
    'bottom-mid',
    'bottom-left',
    'bottom-right',
    'left',
    'left-mid',
    'mid',
    'mid-mid',
    'right',
    'right-mid',
    'middle',
  ].map((c) => [c, '']),
);

/** Rows under a bold header, in aligned columns without borders (colour-aware widths). */
export function table(head: string[], rows: string[][]): string {
  const t = new Table({
    head: head.map((h) => colors.bold(h)),
    chars: NO_BORDERS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2 },
  });
  t.push(...rows);
  return t
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}
