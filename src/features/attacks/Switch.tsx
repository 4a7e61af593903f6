/**
 * An on/off switch: a real checkbox with role="switch" (Space toggles it, it is named by its visible
 * label), drawn as a track and knob, with its state also written out so it never rests on the
 * knob's position or colour alone.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';

interface SwitchProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The visible name, e.g. "Defence". */
  title: string;
  /** Part of the name too: what the switch turns on (the defence's label). */
  label: ReactNode;
  /** Read after the name: what on and off mean here. */
  hint?: ReactNode;
  tone: 'attack' | 'defence';
  words?: { on: string; off: string };
  /** Cannot be switched (the hint or a note beside it says why). */
  disabled?: boolean;
}

export function Switch({
  checked,
  onChange,
  title,
  label,
  hint,
  tone,
  words = { on: 'On', off: 'Off' },
  disabled = false,
}: SwitchProps) {
  const id = useId();
  return (
    <div className={`lab-switch lab-switch--${tone}${checked ? ' lab-switch--on' : ''}`}>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="lab-switch__input"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        aria-labelledby={`${id}-title ${id}-text`}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id} className="lab-switch__label">
        <span className="lab-switch__title">
          <span id={`${id}-title`}>{title}</span>
          <span className="lab-switch__state" aria-hidden="true">
            {checked ? words.on : words.off}
          </span>
        </span>
        <span id={`${id}-text`} className="lab-switch__text">
          {label}
        </span>
      </label>
      {hint && (
        <p id={`${id}-hint`} className="lab-switch__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
