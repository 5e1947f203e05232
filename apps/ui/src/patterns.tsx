import type { JSX } from 'preact';

/**
 * The fills of stale parts, defined once for the page: hatched for lingering, dotted for missing,
 * so the two differ without colour too.
 */
export function Patterns(): JSX.Element {
  return (
    <svg width="0" height="0" class="patterns" aria-hidden="true" focusable="false">
      <defs>
        <pattern id="hatch-lingering" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" class="lingering-fill" />
          <path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" class="lingering-hatch" />
        </pattern>
        <pattern id="dots-missing" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" class="missing-fill" />
          <circle cx="3" cy="3" r="1.1" class="missing-dot" />
        </pattern>
      </defs>
    </svg>
  );
}
