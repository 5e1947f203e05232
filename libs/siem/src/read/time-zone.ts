import { InvalidArgument } from '@tokentrail/domain';

const MAX_MINUTES = 14 * 60;

/**
 * The caller's zone for zone-less local times: `UTC`, `Z` or `±HH:MM` within ±14:00, as minutes
 * east of UTC. Anything else is an InvalidArgument naming the option.
 */
export function parseTimezone(value: string, option = 'timezone'): number {
  if (value === 'UTC' || value === 'Z') return 0;
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(value);
  const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : NaN;
  if (!m || Number(m[3]) > 59 || Math.abs(minutes) > MAX_MINUTES)
    throw new InvalidArgument(option, `"${value}" is not UTC, Z or ±HH:MM within ±14:00`);
  return minutes;
}

/** Minutes east of UTC as `±HH:MM`. */
export function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${hh}:${String(abs % 60).padStart(2, '0')}`;
}

export function withinZoneRange(minutes: number): boolean {
  return Math.abs(minutes) <= MAX_MINUTES;
}
