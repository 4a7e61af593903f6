/**
 * "Who holds what": at the current step, which party holds each secret of the run (a PKCE verifier,
 * a code, tokens, keys, an ID token or ID-JAG, an assertion or a proof), computed from the trace by
 * the core (holdings.ts), never written per step. When the attacker comes to hold one it says so at
 * the top, with the message that gave it to her: a link that selects that message.
 */
import { memo, useCallback, useId, useMemo } from 'react';
import { LANES } from '../../sim/lanes';
import type { TraceEvent } from '../../sim/trace/types';
import { usePanelTrace } from '../../run/player/PanelView';
import { useSend } from '../../run/player/hooks';
import { messageLabel } from '../../run/trace/describe';
import { holdingsView } from './holdingsView';
import type { HoldingsView } from './holdingsView';
import './holdings.css';

function labelOf(trace: readonly TraceEvent[], seq: number): string {
  const event = trace.find((e) => e.seq === seq);
  return event ? messageLabel(event) : '';
}

export function HoldingsPanel() {
  const trace = usePanelTrace();
  const send = useSend();
  const view = useMemo(() => holdingsView(trace), [trace]);
  const select = useCallback(
    (seq: number) => {
      send({ type: 'SELECT', seq });
      // As the lab's links do: focus lands on the message in the list, the inspector shows it.
      requestAnimationFrame(() => document.getElementById(`message-${seq}`)?.focus());
    },
    [send],
  );
  return <Holdings view={view} trace={trace} onSelect={select} />;
}

export const Holdings = memo(function Holdings({
  view,
  trace,
  onSelect,
}: {
  view: HoldingsView;
  trace: readonly TraceEvent[];
  onSelect: (seq: number) => void;
}) {
  const id = useId();
  const last = trace.at(-1);
  return (
    <section className="panel holdings" aria-labelledby={`${id}-title`}>
      {view.thefts.length > 0 && (
        <div className="holdings__theft" role="status">
          <p className="holdings__theft-title">
            <span aria-hidden="true">⚠ </span>
            <strong>The attacker holds</strong>
          </p>
          <ul className="holdings__thefts">
            {view.thefts.map((theft) => (
              <li key={`${theft.kind}-${theft.since}`}>
                {theft.label}, from{' '}
                <button type="button" className="holdings__link" onClick={() => onSelect(theft.since)}>
                  message {theft.since + 1}: {labelOf(trace, theft.since)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {/* Closed at first, so the inspector below keeps its room; it stays as the learner leaves it. */}
      <details className="holdings__details">
        <summary>
          <h2 id={`${id}-title`} className="holdings__title">
            Who holds what
          </h2>
          <span className="holdings__when muted">
            {last ? `after message ${last.seq + 1}` : 'before the first message'}
            {view.rows.length > 0 && ` · ${view.rows.length} kinds of secret`}
          </span>
        </summary>
        {view.rows.length === 0 ? (
          <p className="muted">No secret has been made or sent yet.</p>
        ) : (
          <div
            // It scrolls sideways in a narrow panel: focusable, so the keyboard can scroll it too.
            className="holdings__scroll"
            tabIndex={0}
            role="group"
            aria-label="Holdings table"
          >
            <table className="holdings__table">
              <caption className="visually-hidden">
                Which party holds each secret, and the message by which it came to hold it
              </caption>
              <thead>
                <tr>
                  <th scope="col">Secret</th>
                  {view.lanes.map((lane) => (
                    <th
                      key={lane}
                      scope="col"
                      className={lane === 'attacker' ? 'holdings__lane--attacker' : undefined}
                    >
                      {LANES[lane].short}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.rows.map((row) => (
                  <tr key={row.kind}>
                    <th scope="row">
                      {row.label}
                      {row.values > 1 && <span className="muted"> ×{row.values}</span>}
                    </th>
                    {view.lanes.map((lane) => {
                      const since = row.since[lane];
                      const via = row.via[lane];
                      const stolen = lane === 'attacker' && since !== undefined;
                      return (
                        <td key={lane} className={stolen ? 'holdings__cell--stolen' : undefined}>
                          {since === undefined ? (
                            <span className="muted" aria-label="no">
                              ·
                            </span>
                          ) : (
                            <span
                              title={`since message ${since + 1}: ${labelOf(trace, since)}${via ? `, in its ${via}` : ''}`}
                            >
                              <span className="visually-hidden">since message </span>#{since + 1}
                              {/* Where it travelled: a secret in a body, a header or a URL. */}
                              {via && (
                                <span className="holdings__via">
                                  <span className="visually-hidden">, in its</span> {via}
                                </span>
                              )}
                            </span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </section>
  );
});
