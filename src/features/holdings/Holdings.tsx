/**
 * "Who holds what", as drawn: what the view (holdingsView.ts) says each party holds, closed at first.
 * Drawn by the panel (HoldingsPanel.tsx) and, before the first message, by the simulator's skeleton
 * (app/simulator/SimSkeleton.tsx). Light on purpose: it is in the entry chunk.
 */
import { memo, useId } from 'react';
import { LANES } from '../../sim/lanes';
import type { HoldingsView } from './holdingsView';
import './holdings.css';

/** Before the first message nobody holds anything (holdingsView of an empty trace; a test holds the two equal). */
export const NO_HOLDINGS: HoldingsView = { lanes: [], rows: [], thefts: [] };

export const Holdings = memo(function Holdings({
  view,
  last,
  labelOf,
  onSelect,
}: {
  view: HoldingsView;
  /** The newest message's index; null before the first. */
  last: number | null;
  /** A message's label, by its index. */
  labelOf: (seq: number) => string;
  onSelect: (seq: number) => void;
}) {
  const id = useId();
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
                  message {theft.since + 1}: {labelOf(theft.since)}
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
            {last === null ? 'before the first message' : `after message ${last + 1}`}
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
                              title={`since message ${since + 1}: ${labelOf(since)}${via ? `, in its ${via}` : ''}`}
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
