/**
 * How What changed draws the two runs: one diagram or side by side, the differences only or every
 * message. Two groups of radio buttons, each checked one marked by a tick as well as its colour (arrow keys move within a group); each choice is a new
 * address (params.ts), so a link shows the same picture.
 */
import { useId } from 'react';
import { LAYOUT_IDS, LAYOUTS, SHOW_IDS, SHOWS } from '../params';
import type { TimeMachineParams } from '../params';
import './toolbar.css';

function Choice<T extends string>({
  legend,
  ids,
  names,
  value,
  onChange,
}: {
  legend: string;
  ids: readonly T[];
  names: Record<T, string>;
  value: T;
  onChange: (value: T) => void;
}) {
  const name = useId();
  // A radio group labelled by a span rather than a fieldset's legend, which will not sit in a row.
  return (
    <div className="tmd-choice" role="radiogroup" aria-labelledby={`${name}-label`}>
      <span id={`${name}-label`} className="field__label">
        {legend}
      </span>
      {ids.map((id) => (
        <label key={id} className="tmd-choice__option">
          <input type="radio" name={name} value={id} checked={value === id} onChange={() => onChange(id)} />
          <span>{names[id]}</span>
        </label>
      ))}
    </div>
  );
}

export function DiffToolbar({
  params,
  go,
}: {
  params: TimeMachineParams;
  go: (p: TimeMachineParams) => void;
}) {
  return (
    <div className="tmd-toolbar">
      <Choice
        legend="Draw"
        ids={LAYOUT_IDS}
        names={LAYOUTS}
        value={params.layout}
        onChange={(layout) => go({ ...params, layout })}
      />
      <Choice
        legend="Messages"
        ids={SHOW_IDS}
        names={SHOWS}
        value={params.show}
        onChange={(show) => go({ ...params, show })}
      />
    </div>
  );
}
