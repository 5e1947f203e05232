import { RecordInvalid } from './record-fields';

// Date.parse reads a zone-less date-time in the machine's zone, so a value reaches it only after a
// zone is seen.
const ZONED = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?)\s*(Z|[+-]\d\d:?\d\d)$/i;
const CANONICAL =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const LOCAL = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d+))?$/;

/**
 * A time with a zone (`…Z`, `…+02:00`) as ISO 8601 UTC; null when it has no zone or is no such
 * time.
 */
export function zonedIso(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Already canonical (Winlogbeat writes it so): as it is, without a Date on the hot path.
  if (CANONICAL.test(value)) return value;
  const m = ZONED.exec(value);
  if (!m) return null;
  const zone = m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3].toUpperCase();
  const t = Date.parse(`${m[1]}T${m[2].replace(',', '.')}${zone}`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/**
 * A zone-less local time (`2020-09-14 08:05:52`) as milliseconds, read as if it were UTC; null when
 * it is not one.
 */
export function localMillis(value: unknown): number | null {
  const m = typeof value === 'string' ? LOCAL.exec(value) : null;
  if (!m) return null;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms);
  const d = new Date(t);
  // Date.UTC rolls 2020-02-31 over to March: such a value is no time.
  return d.getUTCDate() === +m[3] && d.getUTCHours() === +m[4] ? t : null;
}

/** A record's zoned time field as ISO UTC, or the reason it is not one. */
export function zonedTimeOf(value: unknown, field: string): string {
  const iso = zonedIso(value);
  if (iso !== null) return iso;
  throw new RecordInvalid(
    value === undefined
      ? `missing ${field}`
      : localMillis(value) !== null
        ? `${field} has no zone: ${JSON.stringify(value)}`
        : `${field} is not a time: ${JSON.stringify(value)}`,
  );
}
