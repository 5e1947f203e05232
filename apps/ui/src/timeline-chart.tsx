import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { kindName } from './kinds';
import { moments } from './state-at';
import { clock, neighbour, niceStep, scale, stamp, ticks, type Domain } from './time-scale';
import type { ArtifactLane, StaleSegment, Timeline, TruthMark } from './wire';

const LABEL_W = 260;
const PAD_R = 16;
const AXIS_H = 40;
const TRUTH_H = 52;
const LANE_H = 30;
const BAR_H = 20;

const ms = (iso: string) => Date.parse(iso);

/** The container's width, followed as the window changes. */
function useWidth(ref: { current: HTMLElement | null }): number {
  const [width, setWidth] = useState(900);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

const staleText = (s: StaleSegment) =>
  [
    s.lingering.length ? `lingering: ${s.lingering.join(', ')}` : '',
    s.missing.length ? `missing: ${s.missing.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' · ');

const markText = (m: TruthMark) =>
  [...m.added.map((g) => `+${g}`), ...m.removed.map((g) => `−${g}`)].join(' ');

/** About how wide a label is at 11px (bold), to leave out what would not fit. */
const CHAR_W = 6.6;

/** The text, shortened to fit a width (with an ellipsis), or the shorter form, or nothing. */
export function fit(text: string, width: number, shorter = ''): string {
  const room = Math.floor((width - 8) / CHAR_W);
  if (text.length <= room) return text;
  if (shorter && shorter.length <= room) return shorter;
  return room >= 4 ? `${text.slice(0, room - 1)}…` : '';
}

/** Marks closer than a diamond's width are drawn as one, with their labels joined. */
function markGroups(
  marks: TruthMark[],
  at: (m: TruthMark) => number,
): Array<{ x: number; marks: TruthMark[] }> {
  const groups: Array<{ x: number; marks: TruthMark[] }> = [];
  for (const m of marks) {
    const mx = at(m);
    const last = groups.at(-1);
    if (last && Math.abs(mx - last.x) < 8) last.marks.push(m);
    else groups.push({ x: mx, marks: [m] });
  }
  return groups;
}

export interface TimelineChartProps {
  timeline: Timeline;
  domain: Domain;
  cursor: number;
  onCursor: (t: number) => void;
  selected: number | null;
  onSelect: (index: number) => void;
}

/**
 * The timeline drawn in SVG: a time axis, directory truth with its changes as marks, one bar per
 * artifact interval with its stale parts coloured and labelled by kind (lingering or missing),
 * and a time cursor to drag or move with the keyboard (a slider: arrows step, Shift+arrows or
 * Page Up/Down jump to the previous or next change, Home/End to the ends).
 */
export function TimelineChart(props: TimelineChartProps): JSX.Element {
  const { timeline, domain, cursor, onCursor, selected, onSelect } = props;
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(box);
  const changes = useMemo(() => moments(timeline), [timeline]);
  const plotW = Math.max(120, width - LABEL_W - PAD_R);
  const { x, t: timeAt } = scale(domain, plotW);
  const end = ms(timeline.span.to);
  const clamp = (t: number) => Math.min(Math.max(t, domain.from), domain.to);
  const dragging = useRef(false);
  const height = AXIS_H + TRUTH_H + timeline.lanes.length * LANE_H + 12;
  // Bars are cut at the plot's edges (their clip path): an end far outside stays outside.
  const edge = (v: number) => Math.min(Math.max(v, -2), plotW + 2);
  const barX = (iso: string) => edge(x(ms(iso)));
  const barEnd = (iso: string | null) => (iso === null ? plotW : edge(x(ms(iso))));

  const fromPointer = (e: PointerEvent) => {
    const r = svg.current?.getBoundingClientRect();
    if (r) onCursor(clamp(Math.round(timeAt(e.clientX - r.left - LABEL_W) / 1000) * 1000));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const step = niceStep(domain.to - domain.from, 120);
    const jump = (direction: 1 | -1) => neighbour(changes, cursor, direction);
    let next: number | undefined;
    if (e.key === 'ArrowRight' || e.key === 'ArrowUp') next = e.shiftKey ? jump(1) : cursor + step;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown')
      next = e.shiftKey ? jump(-1) : cursor - step;
    else if (e.key === 'PageDown') next = jump(1);
    else if (e.key === 'PageUp') next = jump(-1);
    else if (e.key === 'Home') next = domain.from;
    else if (e.key === 'End') next = end;
    else return;
    e.preventDefault();
    if (next !== undefined) onCursor(clamp(next));
  };

  const truthY = AXIS_H + 6;
  const laneY = (i: number) => AXIS_H + TRUTH_H + i * LANE_H;
  const cx = x(cursor);
  // The time label stays inside the plot when the cursor is near an edge.
  const boxX = Math.min(Math.max(cx - 34, -LABEL_W + 4), plotW + PAD_R - 70);

  return (
    <div class="chart" ref={box}>
      <svg
        ref={svg}
        width={width}
        height={height}
        class="chart-svg"
        onPointerDown={(e) => {
          dragging.current = true;
          svg.current?.setPointerCapture(e.pointerId);
          fromPointer(e);
        }}
        onPointerMove={(e) => dragging.current && fromPointer(e)}
        onPointerUp={() => (dragging.current = false)}
      >
        <clipPath id="plot-clip">
          <rect x={-1} y={0} width={plotW + 2} height={height} />
        </clipPath>
        <g transform={`translate(${LABEL_W},0)`}>
          {ticks(domain, Math.max(2, Math.floor(plotW / 75))).map((tick) => (
            <g key={tick}>
              <line x1={x(tick)} x2={x(tick)} y1={AXIS_H - 6} y2={height} class="grid" />
              <text x={x(tick)} y={AXIS_H - 10} class="tick" text-anchor="middle">
                {clock(tick)}
              </text>
            </g>
          ))}
          <line x1={0} x2={plotW} y1={AXIS_H - 6} y2={AXIS_H - 6} class="axis" />
          <line x1={x(end)} x2={x(end)} y1={AXIS_H - 6} y2={height} class="log-end">
            <title>the log's last event</title>
          </line>
        </g>
        <text x={8} y={AXIS_H - 10} class="axis-label">
          time (UTC)
        </text>

        <g class="lane truth-lane" data-testid="truth-lane">
          <text x={8} y={truthY + 18} class="lane-label">
            Directory truth
          </text>
          <text x={8} y={truthY + 32} class="lane-sub">
            {timeline.principal.name}
          </text>
          <g transform={`translate(${LABEL_W},0)`} clip-path="url(#plot-clip)">
            {timeline.truth.intervals.map((i) => {
              const x0 = barX(i.from);
              const w = Math.max(0, barEnd(i.to) - x0);
              const text = i.groups === null ? '(deleted)' : i.groups.join(', ') || '(no groups)';
              return (
                <g key={i.fromPosition}>
                  <rect x={x0} y={truthY + 18} width={w} height={BAR_H} class="truth-bar">
                    <title>{`${text} from ${stamp(ms(i.from))}`}</title>
                  </rect>
                  <text x={Math.max(x0, 0) + 4} y={truthY + 32} class="bar-text truth-text">
                    {fit(text, Math.min(w, plotW - Math.max(x0, 0)))}
                  </text>
                </g>
              );
            })}
            {markGroups(timeline.truth.marks, (m) => x(ms(m.at))).map((g, k, all) => {
              const label = g.marks
                .map((m) => {
                  const text = markText(m);
                  return text && m.origin === 'baseline' ? `baseline ${text}` : text;
                })
                .filter(Boolean)
                .join(' ');
              const first = ms(g.marks[0].at) === ms(timeline.span.from);
              const baseline = g.marks.every((m) => m.origin === 'baseline');
              // A label runs up to the next mark (or the plot's end), shortened to fit.
              const room = (all[k + 1]?.x ?? plotW) - g.x;
              const flip = room < 60 && g.x > plotW - 90;
              return (
                <g key={g.marks[0].position} class="mark">
                  <path
                    d={`M${g.x},${truthY + 8} l5,5 l-5,5 l-5,-5 z`}
                    class={baseline ? 'mark-baseline' : 'mark-change'}
                  >
                    <title>
                      {g.marks
                        .map(
                          (m) =>
                            `${m.type} at ${stamp(ms(m.at))}${markText(m) ? `: ${markText(m)}` : ''}${m.origin === 'baseline' ? ' (baseline fact: held since before the log)' : ''}`,
                        )
                        .join('\n')}
                    </title>
                  </path>
                  {label && !first && g.x >= 0 && g.x <= plotW && (
                    <text
                      x={flip ? g.x - 7 : g.x + 7}
                      y={truthY + 14}
                      text-anchor={flip ? 'end' : 'start'}
                      class="mark-text"
                    >
                      {fit(label, flip ? 200 : room)}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        </g>

        {timeline.lanes.map((lane, i) => (
          <Lane
            key={`${lane.kind}|${lane.id}|${lane.fromPosition}`}
            lane={lane}
            y={laneY(i)}
            selected={selected === i}
            onSelect={() => onSelect(i)}
            x={barX}
            xEnd={barEnd}
          />
        ))}

        <g transform={`translate(${LABEL_W},0)`} class="cursor">
          <line x1={cx} x2={cx} y1={AXIS_H - 6} y2={height} class="cursor-line" />
          <g
            tabindex={0}
            role="slider"
            aria-label="Time cursor"
            aria-valuemin={domain.from}
            aria-valuemax={domain.to}
            aria-valuenow={cursor}
            aria-valuetext={stamp(cursor)}
            aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight PageUp PageDown Home End"
            class="cursor-handle"
            data-testid="time-cursor"
            onKeyDown={onKeyDown}
          >
            <rect x={boxX} y={2} width={68} height={18} rx={4} class="cursor-box" />
            <text x={boxX + 34} y={15} text-anchor="middle" class="cursor-text">
              {clock(cursor, true)}
            </text>
            <path d={`M${cx - 5},20 l5,7 l5,-7 z`} class="cursor-box" />
          </g>
        </g>
      </svg>
    </div>
  );
}

interface LaneProps {
  lane: ArtifactLane;
  y: number;
  selected: boolean;
  onSelect: () => void;
  x: (iso: string) => number;
  xEnd: (iso: string | null) => number;
}

/** One artifact: its label, its bar, and its stale parts, each labelled in words too. */
function Lane({ lane, y, selected, onSelect, x, xEnd }: LaneProps): JSX.Element {
  const x0 = x(lane.from);
  const w = Math.max(2, xEnd(lane.to) - x0);
  const barY = y + (LANE_H - BAR_H) / 2;
  const until =
    lane.end === 'open'
      ? `still live at the end of the log${lane.expiresAt ? `, expires ${stamp(ms(lane.expiresAt))}` : ''}`
      : `${lane.end === 'event' ? `ended by ${lane.endedBy?.type ?? 'an event'}` : 'expired'} ${stamp(ms(lane.to as string))}`;
  const name = `${kindName(lane.kind)} ${lane.id}`;
  const where = lane.machine ? ` on ${lane.machine}` : '';
  const stale = lane.stale.map(staleText).join('; ');
  return (
    <g
      class={`lane artifact-lane${selected ? ' selected' : ''}`}
      data-testid="artifact-lane"
      data-kind={lane.kind}
      data-id={lane.id}
      role="button"
      tabindex={0}
      aria-pressed={selected}
      aria-label={`${name}${where}, from ${stamp(ms(lane.from))}, ${until}${stale ? `; stale: ${stale}` : '; matches truth throughout'}`}
      onPointerDown={(e) => e.stopPropagation()}
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect();
        }
      }}
    >
      <rect x={0} y={y} width="100%" height={LANE_H} class="lane-bg" />
      <text x={8} y={y + 13} class="lane-label">
        {kindName(lane.kind)}
      </text>
      <text x={8} y={y + 25} class="lane-sub">
        {`${lane.id}${lane.machine && !lane.id.includes(lane.machine) ? ` · ${lane.machine}` : ''}`}
      </text>
      <g transform={`translate(${LABEL_W},0)`} clip-path="url(#plot-clip)">
        <rect
          x={x0}
          y={barY}
          width={w}
          height={BAR_H}
          rx={3}
          class={`bar${lane.end === 'open' ? ' bar-open' : ''}`}
          data-testid="artifact-bar"
        >
          <title>{`${name}${where}: ${lane.groups.join(', ') || '(no groups)'}; from ${stamp(ms(lane.from))}, ${until}`}</title>
        </rect>
        {lane.stale.map((s) => {
          const sx = x(s.from);
          const sw = Math.max(2, xEnd(s.to) - sx);
          const both = s.lingering.length > 0 && s.missing.length > 0;
          const id = `clip-${lane.kind}-${lane.fromPosition}-${s.fromPosition}-${lane.id}`.replace(
            /[^A-Za-z0-9_-]/g,
            '_',
          );
          return (
            <g
              key={s.fromPosition}
              class={`stale${s.lingering.length ? ' stale-lingering' : ''}${s.missing.length ? ' stale-missing' : ''}`}
              data-testid="stale-segment"
            >
              <clipPath id={id}>
                <rect x={sx} y={barY} width={sw} height={BAR_H} />
              </clipPath>
              {s.lingering.length > 0 && (
                <rect
                  x={sx}
                  y={barY}
                  width={sw}
                  height={both ? BAR_H / 2 : BAR_H}
                  fill="url(#hatch-lingering)"
                  class="stale-rect"
                />
              )}
              {s.missing.length > 0 && (
                <rect
                  x={sx}
                  y={both ? barY + BAR_H / 2 : barY}
                  width={sw}
                  height={both ? BAR_H / 2 : BAR_H}
                  fill="url(#dots-missing)"
                  class="stale-rect"
                />
              )}
              <text x={sx + 4} y={barY + 14} clip-path={`url(#${id})`} class="stale-text">
                {fit(
                  staleText(s),
                  sw,
                  both ? 'lingering+missing' : s.lingering.length ? 'lingering' : 'missing',
                )}
              </text>
              <title>{`stale from ${stamp(ms(s.from))}${s.to ? ` to ${stamp(ms(s.to))}` : ' to the end of the log'}: ${staleText(s)}`}</title>
            </g>
          );
        })}
      </g>
    </g>
  );
}
