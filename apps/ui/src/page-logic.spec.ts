import { describe, expect, it } from 'vitest';
import { moments, stateAt } from './state-at';
import { fit } from './timeline-chart';
import { clock, domainOf, neighbour, niceStep, ticks } from './time-scale';
import { viewDomain } from './view-domain';
import type { ArtifactLane, Timeline } from './wire';

const t = (hhmm: string) => `2026-03-02T${hhmm}:00.000Z`;
const ms = (hhmm: string) => Date.parse(t(hhmm));

const lane = (over: Partial<ArtifactLane>): ArtifactLane => ({
  kind: 'smb-session',
  id: 's1/limited/FS1',
  principal: 'alice',
  machine: 'FS1',
  groups: ['Domain Users', 'Finance'],
  tokenType: null,
  sourceEvent: 'e1',
  from: t('09:05'),
  to: null,
  fromPosition: 18,
  toPosition: null,
  end: 'open',
  endedBy: null,
  expiresAt: t('09:22'),
  stale: [
    {
      from: t('09:10'),
      to: null,
      fromPosition: 20,
      toPosition: null,
      missing: [],
      lingering: ['Finance'],
      since: t('09:10'),
    },
  ],
  address: { session: 's1', half: 'limited', server: 'FS1' },
  explain: { session: 's1', server: 'FS1', of: 'smbSession' },
  ...over,
});

const timeline: Timeline = {
  simulation: 'smb',
  kind: 'timeline',
  principal: { name: 'alice', sid: 'S-1-5-21-1-2-3-1104' },
  span: { from: t('08:00'), to: t('09:13'), events: 25 },
  status: 'complete',
  monotonic: true,
  truth: {
    intervals: [
      {
        from: t('08:00'),
        to: t('09:10'),
        fromPosition: 7,
        toPosition: 20,
        groups: ['Domain Users', 'Finance'],
        changedAt: t('08:00'),
      },
      {
        from: t('09:10'),
        to: null,
        fromPosition: 20,
        toPosition: null,
        groups: ['Domain Users'],
        changedAt: t('09:10'),
      },
    ],
    marks: [
      {
        at: t('08:00'),
        position: 7,
        eventId: 'a',
        type: 'MemberAdded',
        added: ['Finance'],
        removed: [],
        origin: 'change',
      },
      {
        at: t('09:10'),
        position: 20,
        eventId: 'b',
        type: 'MemberRemoved',
        added: [],
        removed: ['Finance'],
        origin: 'change',
      },
    ],
  },
  lanes: [
    lane({
      kind: 'tgt',
      id: 's1/limited',
      from: t('09:00'),
      to: t('09:11'),
      end: 'event',
      stale: [],
    }),
    lane({}),
  ],
};

describe('the page: state at the cursor', () => {
  it('given a moment inside the stale window, then truth then and each live artifact with its difference', () => {
    const state = stateAt(timeline, ms('09:11') + 30_000);
    expect(state.truth?.groups).toEqual(['Domain Users']);
    expect(state.lanes.map((l) => [l.lane.kind, l.stale?.lingering ?? null])).toEqual([
      ['smb-session', ['Finance']],
    ]);
  });

  it('given the end of a bar or the start of a stale part, then intervals hold their start, not their end', () => {
    expect(stateAt(timeline, ms('09:11')).lanes.map((l) => l.lane.kind)).toEqual(['smb-session']);
    expect(stateAt(timeline, ms('09:10')).lanes.map((l) => l.stale?.lingering ?? [])).toEqual([
      [],
      ['Finance'],
    ]);
    expect(stateAt(timeline, ms('09:09')).lanes.every((l) => l.stale === null)).toBe(true);
  });

  it('given the changes, then the cursor jumps from one to the next', () => {
    const all = moments(timeline);
    expect(neighbour(all, ms('08:30'), 1)).toBe(ms('09:00'));
    expect(neighbour(all, ms('09:10'), 1)).toBe(ms('09:11'));
    expect(neighbour(all, ms('09:10'), -1)).toBe(ms('09:05'));
    expect(neighbour(all, ms('09:11'), 1)).toBeUndefined();
  });
});

describe('the page: time axis', () => {
  it("given the principal's activity, then the chart starts shortly before it, or at the log's start for the whole log", () => {
    const d = viewDomain(timeline, false);
    expect(d.from).toBeGreaterThan(ms('08:55'));
    expect(d.from).toBeLessThan(ms('09:00'));
    expect(d.to).toBeGreaterThan(ms('09:13'));
    expect(viewDomain(timeline, true).from).toBe(ms('08:00'));
  });

  it('given spans, then readable steps and ticks on their multiples, in UTC', () => {
    expect(niceStep(14 * 60_000, 7)).toBe(2 * 60_000);
    expect(niceStep(14 * 60_000, 5)).toBe(5 * 60_000);
    expect(ticks({ from: ms('09:01'), to: ms('09:14') }, 3).map((x) => clock(x))).toEqual([
      '09:05',
      '09:10',
    ]);
    expect(clock(ms('09:11') + 30_000)).toBe('09:11:30');
    expect(domainOf([])).toEqual({ from: 0, to: 60_000 });
  });

  it('given a narrow part, then its label in full, its shorter form, or none', () => {
    expect(fit('lingering: Finance', 300)).toBe('lingering: Finance');
    expect(fit('lingering: Finance', 80, 'lingering')).toBe('lingering');
    expect(fit('lingering: Finance', 20, 'lingering')).toBe('');
  });
});
