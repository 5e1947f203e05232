import type { JSX } from 'preact';

/** What the colours and patterns mean, said in words as well. */
export function Legend(): JSX.Element {
  return (
    <ul class="legend" aria-label="legend">
      <li>
        <svg width="28" height="14" aria-hidden="true">
          <rect width="28" height="14" class="bar" />
        </svg>{' '}
        artifact alive, groups match directory truth
      </li>
      <li>
        <svg width="28" height="14" aria-hidden="true">
          <rect width="28" height="14" fill="url(#hatch-lingering)" />
        </svg>{' '}
        <span>
          <strong>lingering</strong>: a revoked group still effective (hatched)
        </span>
      </li>
      <li>
        <svg width="28" height="14" aria-hidden="true">
          <rect width="28" height="14" fill="url(#dots-missing)" />
        </svg>{' '}
        <span>
          <strong>missing</strong>: a granted group not yet effective (dotted)
        </span>
      </li>
      <li>
        <svg width="14" height="14" aria-hidden="true">
          <path d="M7,1 l6,6 l-6,6 l-6,-6 z" class="mark-change" />
        </svg>{' '}
        directory change
      </li>
      <li>
        <svg width="14" height="14" aria-hidden="true">
          <path d="M7,1 l6,6 l-6,6 l-6,-6 z" class="mark-baseline" />
        </svg>{' '}
        baseline fact (held since before an imported log)
      </li>
    </ul>
  );
}
