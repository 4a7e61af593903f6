/**
 * Accessible tabs (WAI-ARIA tabs pattern, automatic activation). Arrow keys inside the tab list
 * move between tabs and are kept from the global step shortcuts.
 */
import { useId } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { onRovingKey } from '../../components/rovingKeys';

export interface TabDef {
  id: string;
  label: string;
  render: () => ReactNode;
}

export function Tabs({
  tabs,
  active,
  onChange,
  label,
}: {
  tabs: TabDef[];
  active: string;
  onChange: (id: string) => void;
  label: string;
}) {
  const base = useId();
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  if (!current) return null;

  const onKeyDown = (event: KeyboardEvent) =>
    onRovingKey(event, {
      index: tabs.indexOf(current),
      count: tabs.length,
      orientation: 'horizontal',
      go: (to) => {
        const next = tabs[to];
        if (!next) return;
        onChange(next.id);
        document.getElementById(`${base}-tab-${next.id}`)?.focus();
      },
    });

  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tabs__list" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={`${base}-tab-${tab.id}`}
            type="button"
            role="tab"
            aria-selected={tab === current}
            aria-controls={`${base}-panel`}
            tabIndex={tab === current ? 0 : -1}
            className="tabs__tab"
            onClick={() => onChange(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        id={`${base}-panel`}
        role="tabpanel"
        aria-labelledby={`${base}-tab-${current.id}`}
        className="tabs__panel"
        tabIndex={0}
      >
        {current.render()}
      </div>
    </div>
  );
}
