import type {
  ArtifactLane,
  StaleSegment,
  Timeline,
  TruthInterval,
} from '../../../libs/projections/src/timeline-view';

const ms = (iso: string | null): number => (iso === null ? Infinity : Date.parse(iso));

/** Whether a stretch [from, to) holds a moment (an open end holds every later moment). */
export const holds = (s: { from: string; to: string | null }, t: number): boolean =>
  ms(s.from) <= t && t < ms(s.to);

export interface LaneAtT {
  lane: ArtifactLane;
  index: number;
  stale: StaleSegment | null;
}

/** What the page shows for a moment: truth, and each artifact alive with its difference. */
export interface StateAtT {
  truth: TruthInterval | null;
  lanes: LaneAtT[];
}

/**
 * The state at T from the timeline: the same intervals the server cut (a bar lives from its birth
 * up to, not including, its end), so the side panel and the bars always agree.
 */
export function stateAt(timeline: Timeline, t: number): StateAtT {
  const truth = timeline.truth.intervals.filter((i) => holds(i, t)).at(-1) ?? null;
  const lanes: LaneAtT[] = [];
  timeline.lanes.forEach((lane, index) => {
    if (!holds(lane, t)) return;
    lanes.push({ lane, index, stale: lane.stale.find((s) => holds(s, t)) ?? null });
  });
  return { truth, lanes };
}

/** Every moment something changes: where the cursor's big steps stop. */
export function moments(timeline: Timeline): number[] {
  const all = new Set<number>();
  const add = (iso: string | null) => iso !== null && all.add(Date.parse(iso));
  for (const m of timeline.truth.marks) add(m.at);
  for (const l of timeline.lanes) {
    add(l.from);
    add(l.to);
    for (const s of l.stale) {
      add(s.from);
      add(s.to);
    }
  }
  return [...all].sort((a, b) => a - b);
}
