import { InvalidArgument } from '@tokentrail/domain';
import type { AsOf } from './fold-log';

/** `?at=` (ISO 8601 with a zone) or `?position=` (the simulation's event number, from 1): exactly one. */
export function asOfFrom(query: { at?: string; position?: string }): AsOf {
  if (query.at !== undefined && query.position !== undefined)
    throw new InvalidArgument('at', 'give at or position, not both');
  if (query.position !== undefined) {
    const n = Number(query.position);
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidArgument('position', `"${query.position}" is not a whole number from 1`);
    return { position: n };
  }
  if (query.at === undefined)
    throw new InvalidArgument('at', 'required (an ISO 8601 time with a zone), or give position');
  if (
    !/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:?\d{2})$/.test(query.at) ||
    Number.isNaN(Date.parse(query.at))
  ) {
    throw new InvalidArgument('at', `"${query.at}" is not an ISO 8601 time with a zone`);
  }
  return { at: new Date(query.at).toISOString() };
}

export function flag(value: string | undefined, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new InvalidArgument(field, `"${value}" is not true or false`);
}
