/** Small inline icons for the controls (SVG, so they render the same with any installed fonts). */
import { memo } from 'react';

const PATHS = {
  reset: 'M4 4v5h5M5.1 13.5A7 7 0 1 0 6 6.3L4 9',
  back: 'M15 5l-7 7 7 7',
  next: 'M9 5l7 7-7 7',
  play: 'M7 4.5v15l12-7.5z',
  pause: 'M7 5h3.5v14H7zM13.5 5H17v14h-3.5z',
  end: 'M5 5l8 7-8 7zM13 5l8 7-8 7z',
} as const;

export type IconName = keyof typeof PATHS;

const FILLED = new Set<IconName>(['play', 'pause', 'end']);

// Memoized: the toolbar renders on every step (its status), its icons need not.
export const Icon = memo(function Icon({ name }: { name: IconName }) {
  const filled = FILLED.has(name);
  return (
    <svg className="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke={filled ? 'none' : 'currentColor'}
        strokeWidth="2.2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
});
