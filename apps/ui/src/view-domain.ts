import { domainOf, type Domain } from './time-scale';
import type { Timeline } from './wire';

/**
 * The stretch of time the chart shows. By default the principal's activity: its artifacts' lives
 * and truth changes after the log's first moment (a domain's set-up often comes hours before
 * anything happens), up to the log's end. `whole`: the log from its first event.
 */
export function viewDomain(timeline: Timeline, whole: boolean): Domain {
  const start = Date.parse(timeline.span.from);
  const end = Date.parse(timeline.span.to);
  const times = [end];
  for (const l of timeline.lanes) {
    times.push(Date.parse(l.from));
    if (l.to) times.push(Date.parse(l.to));
  }
  for (const m of timeline.truth.marks) if (Date.parse(m.at) > start) times.push(Date.parse(m.at));
  if (whole || times.length === 1) times.push(start);
  const d = domainOf(times);
  if (whole) return d;
  // A little room before the first thing shown, never before the log.
  const before = Math.max(start, d.from - (d.to - d.from) * 0.04);
  return { from: before, to: d.to };
}
