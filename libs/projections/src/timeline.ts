import { groupNames, membershipDifference, staleness } from '@tokentrail/domain';
import { artifactAddress, explainArgs } from './artifact-address';
import type { SimulationRow } from './read-model';
import type { ArtifactIntervalRow, TimelineRows, TruthIntervalRow } from './timeline-rows';
import type { ArtifactLane, StaleSegment, Timeline, TruthMark } from './timeline-view';

/** Event types whose truth change is a baseline fact of an imported log, not a logged change. */
const BASELINE_EVENTS = new Set(['BaselineMembershipObserved']);

const same = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);

/**
 * The parts of an artifact's life when its groups differ from its principal's truth: the
 * artifact's interval cut at every truth change inside it, each part judged by the domain's rule
 * (`staleness`), neighbours with the same difference joined. Intervals meet by position, which
 * holds when recorded times go backwards; an end by expiry keeps the expiry's time.
 */
export function staleSegments(a: ArtifactIntervalRow, truth: TruthIntervalRow[]): StaleSegment[] {
  const segments: StaleSegment[] = [];
  const end = a.toPosition ?? Infinity;
  for (const t of truth) {
    const tEnd = t.toPosition ?? Infinity;
    if (t.fromPosition >= end || tEnd <= a.fromPosition) continue;
    const s = staleness(a, t.membership, t.changedAt ?? undefined);
    if (!s) continue;
    const startsWithArtifact = a.fromPosition >= t.fromPosition;
    const endsWithTruth = tEnd < end;
    const segment: StaleSegment = {
      from: startsWithArtifact ? a.fromAt : t.fromAt,
      fromPosition: Math.max(a.fromPosition, t.fromPosition),
      to: endsWithTruth ? t.toAt : a.toAt,
      toPosition: endsWithTruth ? t.toPosition : a.toPosition,
      missing: s.missing,
      lingering: s.lingering,
      since: s.since,
    };
    const last = segments.at(-1);
    if (
      last &&
      last.toPosition === segment.fromPosition &&
      same(last.missing, segment.missing) &&
      same(last.lingering, segment.lingering)
    ) {
      last.to = segment.to;
      last.toPosition = segment.toPosition;
    } else segments.push(segment);
  }
  return segments;
}

/** One bar: an artifact interval with how it ended, its stale parts, and how to ask about it. */
export function artifactLane(
  a: ArtifactIntervalRow,
  truth: TruthIntervalRow[],
  eventType: (eventId: string) => string | undefined,
): ArtifactLane {
  const address = artifactAddress(a.kind, a.id);
  return {
    kind: a.kind,
    id: a.id,
    principal: a.principal,
    machine: a.machine,
    groups: groupNames(a.membership),
    tokenType: a.tokenType,
    sourceEvent: a.sourceEvent,
    from: a.fromAt,
    to: a.toAt,
    fromPosition: a.fromPosition,
    toPosition: a.toPosition,
    end: a.toPosition === null ? 'open' : a.endedBy ? 'event' : 'expiry',
    endedBy: a.endedBy ? { eventId: a.endedBy, type: eventType(a.endedBy) ?? 'unknown' } : null,
    expiresAt: a.toPosition === null ? a.expiresAt : null,
    stale: staleSegments(a, truth),
    address,
    explain: explainArgs(a.kind, address),
  };
}

/**
 * The truth lane's marks: each interval's opening event with the groups it added and removed
 * (the first: every group it starts with; a deletion: every group it ends).
 */
export function truthMarks(
  truth: TruthIntervalRow[],
  eventAt: (position: number) => { eventId: string; type: string } | undefined,
): TruthMark[] {
  return truth.map((t, i) => {
    const before = i > 0 ? truth[i - 1].membership : null;
    const now = t.membership;
    // membershipDifference(copy, truth): what truth grants that the copy lacks, and the reverse.
    const { missing: added, lingering: removed } =
      before && now
        ? membershipDifference(before, now)
        : {
            missing: now ? groupNames(now) : [],
            lingering: before ? groupNames(before) : [],
          };
    const e = eventAt(t.fromPosition);
    const type = e?.type ?? 'unknown';
    return {
      at: t.fromAt,
      position: t.fromPosition,
      eventId: e?.eventId ?? '',
      type,
      added,
      removed,
      origin: BASELINE_EVENTS.has(type) ? 'baseline' : 'change',
    };
  });
}

/** A principal's timeline over the simulation's whole log, from the read model alone. */
export function buildTimeline(
  rows: TimelineRows,
  sim: SimulationRow,
  principal: { sid: string; name: string },
): Timeline {
  const truth = rows.truth(sim.sim, principal.sid);
  const eventAt = (position: number) => rows.eventAt(sim.sim, position);
  const eventType = (eventId: string) => rows.eventType(sim.sim, eventId);
  return {
    simulation: sim.id,
    kind: 'timeline',
    principal,
    span: { from: sim.firstAt, to: sim.maxAt, events: sim.events },
    status: sim.status,
    monotonic: sim.monotonic,
    truth: {
      intervals: truth.map((t) => ({
        from: t.fromAt,
        to: t.toAt,
        fromPosition: t.fromPosition,
        toPosition: t.toPosition,
        groups: t.membership ? groupNames(t.membership) : null,
        changedAt: t.changedAt,
      })),
      marks: truthMarks(truth, eventAt),
    },
    lanes: rows.artifacts(sim.sim, principal.sid).map((a) => artifactLane(a, truth, eventType)),
  };
}
