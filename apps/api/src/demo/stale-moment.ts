import type { Timeline } from '@tokentrail/projections';

/**
 * A moment inside the first stale part of the first artifact of a kind: the middle of the part
 * (one still open at the end of the log counts up to the log's last event), so that a page opened
 * there shows the difference whatever the rounding of its time axis.
 */
export function staleMoment(timeline: Timeline, kind: string): string | null {
  for (const lane of timeline.lanes) {
    if (lane.kind !== kind || lane.stale.length === 0) continue;
    const segment = lane.stale[0];
    const from = Date.parse(segment.from);
    const to = Date.parse(segment.to ?? timeline.span.to);
    return new Date(from + Math.max(0, Math.floor((to - from) / 2))).toISOString();
  }
  return null;
}
