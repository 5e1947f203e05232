import type { Answer } from '@tokentrail/domain';
import type { Expectation } from '@tokentrail/scenarios';
import { colors, table } from './style';

type Item = Record<string, unknown>;
const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const list = (v: unknown) => (Array.isArray(v) ? v.join(', ') : '');
const time = (v: unknown) => text(v).replace('.000Z', 'Z');

/** The groups (or none, or a refusal) an answer gives, in a word or a list. */
export function describeAnswer(a: Answer): string {
  if (a.none) return colors.dim('none');
  if (a.denied) return colors.red(`denied${a.reason ? `: ${a.reason}` : ''}`);
  const parts: string[] = [];
  if (a.groups) parts.push(a.groups.length ? a.groups.join(', ') : '(no groups)');
  if (a.items) parts.push(`${a.items.length} item${a.items.length === 1 ? '' : 's'}`);
  return parts.join('; ');
}

/** What an expectation asked for, in words. */
export function describeExpectation(e: Expectation): string {
  return [
    e.equals && `equals ${e.equals.join(', ') || '(no groups)'}`,
    e.includes && `includes ${e.includes.join(', ')}`,
    e.excludes && `excludes ${e.excludes.join(', ')}`,
    e.denied !== undefined && (e.denied ? 'denied' : 'not denied'),
    e.none !== undefined && (e.none ? 'none' : 'not none'),
  ]
    .filter(Boolean)
    .join('; ');
}

/** explain: the lineage as an indented chain, oldest first, each link saying what it did. */
function chain(items: Item[]): string[] {
  return items.map((i, depth) => {
    const what = i.copied
      ? `copied ${list(i.copied) || '(no groups)'}`
      : i.group
        ? `${text(i.member)} → ${text(i.group)}`
        : i.sid
          ? `${text(i.principal)} + SID history ${text(i.sid)}`
          : text(i.name);
    const pad = depth === 0 ? '' : `${'   '.repeat(depth - 1)}└─ `;
    return `${pad}${colors.cyan(text(i.type))} ${time(i.at)}  ${what}  ${colors.dim(`event ${text(i.position)}`)}`;
  });
}

/** stale: one row per artifact, what lingers and what is missing. */
function staleTable(items: Item[]): string[] {
  if (items.length === 0) return [colors.green('nothing is stale')];
  return table(
    ['kind', 'id', 'principal', 'machine', 'lingering', 'missing', 'since', 'expires'],
    items.map((i) => [
      text(i.kind),
      text(i.id),
      text(i.principal),
      text(i.machine),
      colors.red(list(i.lingering)),
      colors.yellow(list(i.missing)),
      time(i.since),
      time(i.expiresAt),
    ]),
  ).split('\n');
}

/** remediate: the actions as numbered steps, each with why. */
function steps(items: Item[]): string[] {
  if (items.length === 0) return ['nothing to do'];
  return items.map((i, n) => {
    const { action, why, ...args } = i;
    const with_ = Object.entries(args)
      .map(([k, v]) => `${k} ${text(v)}`)
      .join(', ');
    return `${n + 1}. ${colors.bold(text(action))}${with_ ? ` ${with_}` : ''}${why ? colors.dim(` (${text(why)})`) : ''}`;
  });
}

/** The items of an answer as a person reads them: a chain, a table or numbered steps. */
export function describeItems(kind: string, items: Item[]): string[] {
  switch (kind) {
    case 'explain':
      return chain(items);
    case 'stale':
      return staleTable(items);
    case 'remediate':
      return steps(items);
    default:
      return items.map((i) => `- ${JSON.stringify(i)}`);
  }
}
