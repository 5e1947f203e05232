/** Raised for a record that is readable but not a usable event: the reason names the field. */
export class RecordInvalid extends Error {}

export type Json = Record<string, unknown>;

/** A field value as EventData text: numbers and booleans as written, objects as JSON. */
export function text(v: unknown): string {
  return v === null || v === undefined
    ? ''
    : typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v);
}

export function objectOf(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

/** Every field of an object as text, into `data` (EventData, UserData). */
export function addFields(data: Record<string, string>, fields: unknown): void {
  const o = objectOf(fields);
  if (o) for (const k in o) data[k] = text(o[k]);
}

export function eventIdOf(value: unknown, field: string): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+\s*$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isInteger(n))
    throw new RecordInvalid(
      value === undefined
        ? `missing ${field}`
        : `${field} is not an event number: ${JSON.stringify(value)}`,
    );
  return n;
}

/** A record number (Winlogbeat 6 writes it as a string); null when absent or not a number. */
export function recordIdOf(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}
