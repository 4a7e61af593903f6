/**
 * The side column's tab list: the step (explainer and inspector) and the attack lab. Drawn by the
 * side panels (SidePanels.tsx) and, with nothing to operate, by the simulator's skeleton
 * (app/simulator/SimSkeleton.tsx), so the first paint has the very tabs the app draws next. Light on
 * purpose: it is in the entry chunk.
 */
import type { KeyboardEventHandler, ReactNode } from 'react';
import type { SideTab } from './labState';
// The tabs' sheet, with the attack marks the first paint's legend shows: in the entry's stylesheet.
import './attacks.css';

export const SIDE_TABS: readonly { id: SideTab; label: string }[] = [
  { id: 'step', label: 'Step & inspector' },
  { id: 'lab', label: 'Attack lab' },
];

/** The id of a tab and of its panel, from the list's base id. */
export const sideTabId = (base: string, tab: SideTab) => `${base}-tab-${tab}`;
const sidePanelId = (base: string, tab: SideTab) => `${base}-panel-${tab}`;

interface SideTabListProps {
  /** A unique prefix for the tabs' and panels' ids. */
  base: string;
  tab: SideTab;
  onSelect?: (tab: SideTab) => void;
  onKeyDown?: KeyboardEventHandler;
  /** After the lab's label: the attack's state (SidePanels' LabBadge). */
  labBadge?: ReactNode;
}

export function SideTabList({ base, tab, onSelect, onKeyDown, labBadge }: SideTabListProps) {
  return (
    <div role="tablist" aria-label="Side panels" className="side-tabs" onKeyDown={onKeyDown}>
      {SIDE_TABS.map((t) => (
        <button
          key={t.id}
          id={sideTabId(base, t.id)}
          type="button"
          role="tab"
          aria-selected={tab === t.id}
          aria-controls={sidePanelId(base, t.id)}
          tabIndex={tab === t.id ? 0 : -1}
          className={`side-tabs__tab side-tabs__tab--${t.id}`}
          onClick={onSelect && (() => onSelect(t.id))}
        >
          {t.id === 'lab' && <LabIcon />}
          {t.label}
          {t.id === 'lab' && labBadge}
        </button>
      ))}
    </div>
  );
}

/** One tab's panel; the list's `tab` is the one shown. */
export function SideTabPanel({
  base,
  tab,
  shown,
  children,
}: {
  base: string;
  tab: SideTab;
  shown: boolean;
  children?: ReactNode;
}) {
  return (
    <div
      role="tabpanel"
      id={sidePanelId(base, tab)}
      aria-labelledby={sideTabId(base, tab)}
      className={`side-panel side-panel--${tab}`}
      hidden={!shown}
    >
      {children}
    </div>
  );
}

function LabIcon() {
  // A crosshair: the lab is where the learner takes the attacker's side.
  return (
    <svg className="icon" viewBox="0 0 24 24" width="15" height="15" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="7" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 2v5M12 17v5M2 12h5M17 12h5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
