import { InvalidArgument } from '@tokentrail/domain';

/**
 * Where a question stands in the log: a moment (events with occurredAt <= at) or the first N
 * events.
 */
export type AsOf = { at: string; position?: undefined } | { position: number; at?: undefined };

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * `at` (ISO 8601 with a zone) or `position` (the simulation's event number, from 1): exactly one.
 */
export function asOfFrom(query: { at?: string; position?: string }): AsOf {
  if (query.at !== undefined && query.position !== undefined)
    throw new InvalidArgument('at', 'give at or position, not both');
  if (query.position !== undefined) {
    const n = Number(query.position);
    if (!Number.isSafeInteger(n) || n < 1)
      throw new InvalidArgument('position', `"${query.position}" is not a whole number from 1`);
    return { position: n };
  }
  if (query.at === undefined)
    throw new InvalidArgument('at', 'required (an ISO 8601 time with a zone), or give position');
  const t = Date.parse(query.at);
  if (!ISO_WITH_ZONE.test(query.at) || Number.isNaN(t) || Math.abs(t) > 8.64e15) {
    throw new InvalidArgument('at', `"${query.at}" is not an ISO 8601 time with a zone`);
  }
  return { at: new Date(t).toISOString() };
}

export function flag(value: string | undefined, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new InvalidArgument(field, `"${value}" is not true or false`);
}
