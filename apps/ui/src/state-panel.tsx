import type { JSX } from 'preact';
import { kindName } from './kinds';
import { stateAt } from './state-at';
import { stamp } from './time-scale';
import type { Timeline } from './wire';

export interface StatePanelProps {
  timeline: Timeline;
  cursor: number;
  selected: number | null;
  onSelect: (index: number) => void;
}

/** Every artifact alive at the cursor, with its groups and how they differ from truth then. */
export function StatePanel({ timeline, cursor, selected, onSelect }: StatePanelProps): JSX.Element {
  const state = stateAt(timeline, cursor);
  const truth = state.truth?.groups;
  const stale = state.lanes.filter((l) => l.stale).length;
  return (
    <section class="panel state-panel" data-testid="state-panel" aria-live="polite">
      <h2>At {stamp(cursor)}</h2>
      <p class="truth-now">
        <strong>Directory truth:</strong>{' '}
        {truth === undefined
          ? '(not yet known)'
          : truth === null
            ? '(deleted)'
            : truth.join(', ') || '(no groups)'}
      </p>
      <p class="summary">
        {state.lanes.length} artifacts alive,{' '}
        {stale === 0
          ? 'none differs from truth'
          : `${stale} differ${stale === 1 ? 's' : ''} from truth`}
      </p>
      <ul class="state-list">
        {state.lanes.map(({ lane, index, stale: s }) => (
          <li
            key={index}
            class={`state-item${s ? ' is-stale' : ''}${selected === index ? ' selected' : ''}`}
            data-testid="state-item"
            data-kind={lane.kind}
          >
            <button type="button" class="linklike" onClick={() => onSelect(index)}>
              {kindName(lane.kind)} {lane.id}
            </button>
            <span class="where">{lane.machine ? ` on ${lane.machine}` : ''}</span>
            <div class="groups">{lane.groups.join(', ') || '(no groups)'}</div>
            {s ? (
              <div class="difference">
                {s.lingering.length > 0 && (
                  <span class="badge badge-lingering" data-testid="lingering">
                    lingering: {s.lingering.join(', ')}
                  </span>
                )}
                {s.missing.length > 0 && (
                  <span class="badge badge-missing" data-testid="missing">
                    missing: {s.missing.join(', ')}
                  </span>
                )}
                <span class="since"> since {stamp(Date.parse(s.since))}</span>
              </div>
            ) : (
              <div class="difference">
                <span class="badge badge-fresh">matches truth</span>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
