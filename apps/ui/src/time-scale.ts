/** Time on the page: epoch milliseconds, drawn in UTC (the log's times are UTC). */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Tick spacings a reader counts in. */
const STEPS = [
  SECOND,
  5 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
];

/** The smallest readable step of at least `span / count`. */
export function niceStep(span: number, count: number): number {
  const want = span / Math.max(1, count);
  return STEPS.find((s) => s >= want) ?? Math.ceil(want / DAY) * DAY;
}

export interface Domain {
  from: number;
  to: number;
}

/**
 * The stretch drawn: every time the data names, and room after the last one (open bars run to the
 * right edge, and a part that turns stale at the log's last event must still be seen), at least a
 * minute in all.
 */
export function domainOf(times: number[]): Domain {
  const finite = times.filter((t) => Number.isFinite(t));
  if (finite.length === 0) return { from: 0, to: MINUTE };
  const from = Math.min(...finite);
  const last = Math.max(...finite);
  const span = Math.max(last - from, MINUTE);
  return { from, to: last + Math.max(span * 0.15, 30 * SECOND) };
}

/** x of a time on a width, and its inverse. */
export function scale(domain: Domain, width: number) {
  const k = width / (domain.to - domain.from);
  return {
    x: (t: number) => (t - domain.from) * k,
    t: (x: number) => domain.from + x / k,
  };
}

/** Tick times inside the domain, on multiples of a nice step (about `count` of them). */
export function ticks(domain: Domain, count: number): number[] {
  const step = niceStep(domain.to - domain.from, count);
  const out: number[] = [];
  for (let t = Math.ceil(domain.from / step) * step; t <= domain.to; t += step) out.push(t);
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** HH:MM (or HH:MM:SS when the seconds matter), in UTC. */
export function clock(t: number, seconds = t % MINUTE !== 0): string {
  const d = new Date(t);
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return seconds ? `${hm}:${pad(d.getUTCSeconds())}` : hm;
}

/** The date and the clock, for a cursor that may be on any day of a long log. */
export function stamp(t: number): string {
  return `${new Date(t).toISOString().slice(0, 10)} ${clock(t, true)} UTC`;
}

/** The nearest moment in `moments` strictly before or after `t`, if any. */
export function neighbour(moments: number[], t: number, direction: 1 | -1): number | undefined {
  let best: number | undefined;
  for (const m of moments) {
    if (
      direction > 0
        ? m > t && (best === undefined || m < best)
        : m < t && (best === undefined || m > best)
    )
      best = m;
  }
  return best;
}
