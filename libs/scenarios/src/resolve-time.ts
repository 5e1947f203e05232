import { parseDuration } from '@tokentrail/domain';

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A step's or query's `at` (SCENARIOS.md "Times"): ISO 8601 with a zone, a time of day on the
 * start's date (UTC), or `+duration` after `previous`. Returns epoch ms, or an error message.
 */
export function resolveTime(at: unknown, start: number, previous: number): number | string {
  if (at === undefined) return previous;
  if (typeof at !== 'string')
    return `must be a string (ISO 8601 with zone, HH:MM[:SS] or +duration), got ${JSON.stringify(at)}`;
  if (at.startsWith('+')) {
    const ms = parseDuration(at.slice(1));
    return ms === null ? `"${at}" is not a duration (e.g. +90s, +5m, +2h, +1d)` : previous + ms;
  }
  const tod = TIME_OF_DAY.exec(at);
  if (tod) {
    const [h, m, s] = [Number(tod[1]), Number(tod[2]), Number(tod[3] ?? 0)];
    if (h > 23 || m > 59 || s > 59) return `"${at}" is not a time of day`;
    const day = new Date(start);
    return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h, m, s);
  }
  if (ISO_WITH_ZONE.test(at) && !Number.isNaN(Date.parse(at))) return Date.parse(at);
  return `"${at}" is not a time: use ISO 8601 with a zone, HH:MM[:SS] or +duration`;
}

export function parseStart(start: string): number | null {
  return ISO_WITH_ZONE.test(start) && !Number.isNaN(Date.parse(start)) ? Date.parse(start) : null;
}
