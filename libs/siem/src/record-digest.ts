import { createHash } from 'node:crypto';
import type { WinEvent } from './read/win-event';

/**
 * What names a record that has no record number (some NXLog exports): its event, time and data,
 * hashed. Two records of one event at the same millisecond then stay two, and the same record
 * read again is still recognised.
 */
export function recordDigest(e: WinEvent): string {
  const data = Object.keys(e.data)
    .sort()
    .map((k) => `${k}=${e.data[k]}`)
    .join('\n');
  return `${e.eventId}@${e.time}#${createHash('sha1').update(data).digest('hex').slice(0, 16)}`;
}
