/** How to read the diagram and drive it: shown in the inspector until a message is selected. */
const ARROWS = [
  { cls: 'request', text: 'HTTP request (solid, filled head)' },
  { cls: 'response', text: 'HTTP response (dashed, open head)' },
  { cls: 'handoff', text: 'Handoff outside HTTP (dotted)' },
  { cls: 'current', text: 'The current step (thick, ▶ on its label)' },
  { cls: 'error', text: 'Error answer or failed check (⚠ or ✕ on its label)' },
] as const;

const KEYS = [
  ['→ or Space', 'next message'],
  ['←', 'back one message'],
  ['Home', 'reset'],
  ['End', 'run to the end'],
  ['↑ ↓', 'another message (in the list)'],
] as const;

function Sample({ cls }: { cls: (typeof ARROWS)[number]['cls'] }) {
  const kind = cls === 'response' ? 'response' : cls === 'handoff' ? 'handoff' : 'request';
  const extra = cls === 'current' ? ' seq-edge--current' : cls === 'error' ? ' seq-edge--tone-error' : '';
  const head = `url(#seq-arrow-${kind === 'response' ? 'open' : 'filled'}${cls === 'current' ? '-current' : ''})`;
  return (
    <svg
      className="legend__sample"
      viewBox="0 0 48 12"
      width="48"
      height="12"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M2 6 H44"
        className={`react-flow__edge-path seq-edge seq-edge--${kind}${extra}`}
        markerEnd={head}
      />
    </svg>
  );
}

export function Legend() {
  return (
    <div className="legend">
      <h3 className="http__section">Reading the diagram</h3>
      <ul className="legend__list">
        {ARROWS.map((a) => (
          <li key={a.cls}>
            <Sample cls={a.cls} />
            {a.text}
          </li>
        ))}
        <li>
          <svg
            className="legend__sample"
            viewBox="0 0 48 16"
            width="48"
            height="16"
            aria-hidden="true"
            focusable="false"
          >
            <path
              d="M4 3 H20 V13 H6"
              className="react-flow__edge-path seq-edge seq-edge--internal"
              markerEnd="url(#seq-arrow-filled)"
            />
          </svg>
          Work a party does on its own (a loop on its lifeline)
        </li>
        <li>
          <span className="mark-pill mark-pill--stop legend__pill" aria-hidden="true">
            STOP
          </span>
          In an attack: where a defence stopped it, with the rule
        </li>
        <li>
          <span className="mark-pill mark-pill--stolen legend__pill" aria-hidden="true">
            stolen
          </span>
          In an attack: a code, verifier or token reaching the attacker
        </li>
        <li>
          <span className="mark-pill mark-pill--broken legend__pill" aria-hidden="true">
            S-06
          </span>
          In a recording: a rule this message broke
        </li>
      </ul>
      <h3 className="http__section">Keyboard</h3>
      <dl className="legend__keys">
        {KEYS.map(([key, action]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
