/**
 * The vulnerable and the defended run side by side, in a modal dialog (the native <dialog>: focus
 * moves in, Escape closes, the page behind is inert). A table with one row per message: the shared
 * beginning folded away, the first difference highlighted and scrolled to, each side's outcome on
 * top, and the difference said in words.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { AttackDef } from '../../sim/attacks/types';
import type { RunConfig } from '../../sim/flow/simulation';
import type { TraceEvent } from '../../sim/trace/types';
import type { Core } from '../../run/core/loadCore';
import { eventTone, messageLabel, routeText, TONE_ICON, TONE_WORD } from '../../run/trace/describe';
import { compareRows, differenceText, paramText, sideHeadline } from './compare';
import type { RunPair, RunSide } from './compare';
import { attackMarks, markOf } from '../../run/marks/marks';
import type { MessageMark } from '../../run/marks/marks';
import { MarkPill } from '../../run/marks/MarkPill';
import { OutcomeIcon } from './OutcomeBanner';
import { scrollWithin } from './scroll';
import { useRunPair } from './useRunPair';

/** Rows of the shared beginning still shown above the first difference, for context. */
const CONTEXT = 3;

function Cell({ event, mark }: { event: TraceEvent | undefined; mark: MessageMark | null }) {
  if (!event) return <span className="compare__none">No message: this run had already ended</span>;
  const tone = eventTone(event);
  return (
    <span className={`compare__msg compare__msg--tone-${tone}`}>
      <span className="compare__route">{routeText(event)}</span>
      <span className="compare__label">
        {tone !== 'normal' && (
          <span className="compare__flag">
            <span aria-hidden="true">{TONE_ICON[tone]} </span>
            <span className="visually-hidden">{TONE_WORD[tone]}: </span>
          </span>
        )}
        {messageLabel(event)}
      </span>
      {mark && <MarkPill mark={mark} />}
    </span>
  );
}

function Side({ side, title, sub }: { side: RunSide; title: string; sub: string }) {
  const id = useId();
  const won = side.report?.attackerWon ?? false;
  return (
    <section className={`compare__side compare__side--${won ? 'won' : 'stopped'}`} aria-labelledby={id}>
      <h3 id={id} className="compare__side-title">
        {title} <span className="compare__sub">{sub}</span>
      </h3>
      <p className="compare__verdict">
        <OutcomeIcon won={won} />
        <span>{sideHeadline(side)}</span>
      </p>
      <p className="compare__evidence">{side.report?.evidence}</p>
      <p className="compare__count">{side.trace.length} messages</p>
    </section>
  );
}

function Runs({ pair }: { pair: RunPair }) {
  const [unfolded, setUnfolded] = useState(false);
  const firstRow = useRef<HTMLTableRowElement>(null);
  const rows = compareRows(pair);
  const first = pair.diff.firstDifference;
  const foldable = first !== null && first > CONTEXT + 2 ? first - CONTEXT : 0;
  const folded = unfolded ? 0 : foldable;
  const offMarks = attackMarks(pair.off.trace, pair.off.report);
  const onMarks = attackMarks(pair.on.trace, pair.on.report);

  useEffect(() => {
    const row = firstRow.current;
    scrollWithin(row?.closest('.compare__scroll') ?? null, row, 'center');
  }, []);

  return (
    <>
      <div className="compare__sides">
        <Side side={pair.off} title="Defence off" sub="the vulnerable run" />
        <Side side={pair.on} title="Defence on" sub="the defended run" />
      </div>
      <div className="compare__scroll" tabIndex={0} role="region" aria-label="Both runs, message by message">
        <table className="compare__table">
          <caption className="visually-hidden">
            Both runs, message by message. Messages the two runs share span both columns; from message{' '}
            {(first ?? 0) + 1} on, each run has its own column.
          </caption>
          <thead>
            <tr>
              <th scope="col" className="compare__num-col">
                #
              </th>
              <th scope="col">Defence off (vulnerable)</th>
              <th scope="col">Defence on (defended)</th>
            </tr>
          </thead>
          <tbody>
            {foldable > 0 && (
              <tr className="compare__fold">
                <td colSpan={3}>
                  <button
                    type="button"
                    className="btn btn--sm btn--ghost"
                    aria-expanded={unfolded}
                    onClick={() => setUnfolded(!unfolded)}
                  >
                    {unfolded
                      ? `Fold messages 1–${foldable} again`
                      : `Show messages 1–${foldable}, the same in both runs`}
                  </button>
                </td>
              </tr>
            )}
            {rows.slice(folded).flatMap((row) => [
              row.kind === 'same' ? (
                <tr key={row.index} className="compare__row compare__row--same">
                  <th scope="row" className="compare__num">
                    {row.index + 1}
                  </th>
                  <td colSpan={2}>
                    <Cell
                      event={row.event}
                      mark={markOf(onMarks, row.index) ?? markOf(offMarks, row.index)}
                    />
                    <span className="compare__both">same in both runs</span>
                  </td>
                </tr>
              ) : (
                <tr
                  key={row.index}
                  ref={row.first ? firstRow : undefined}
                  className={`compare__row compare__row--${row.first ? 'first' : 'apart'}`}
                  data-first-difference={row.first ? 'true' : undefined}
                >
                  <th scope="row" className="compare__num">
                    {row.index + 1}
                    {row.first && <span className="compare__first">First difference</span>}
                  </th>
                  <td>
                    <Cell event={row.off} mark={markOf(offMarks, row.index)} />
                  </td>
                  <td>
                    <Cell event={row.on} mark={markOf(onMarks, row.index)} />
                  </td>
                </tr>
              ),
              // The parameter that differs, right under the first difference.
              row.kind === 'pair' && row.first && pair.diff.param ? (
                <tr key={`${row.index}-param`} className="compare__param-row">
                  <td colSpan={3}>
                    <span className="compare__param">What differs: {paramText(pair.diff.param)}</span>
                  </td>
                </tr>
              ) : null,
            ])}
          </tbody>
        </table>
      </div>
    </>
  );
}

interface Props {
  core: Core;
  config: RunConfig;
  attack: AttackDef;
  onClose: () => void;
}

export function CompareDialog({ core, config, attack, onClose }: Props) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const state = useRunPair(core, config, attack);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || dialog.open) return;
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
  }, []);

  const summary =
    state.status === 'running'
      ? 'Running the attack twice, with the defence off and on…'
      : state.status === 'error'
        ? `The comparison could not run: ${state.message}`
        : differenceText(state.pair);

  return (
    <dialog
      ref={ref}
      className="compare"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
      onClose={onClose}
      // Keys typed here are for the dialog: none of them steps the run behind it.
      onKeyDown={(event) => event.stopPropagation()}
    >
      <header className="compare__head">
        <div>
          <p className="eyebrow">Attack lab · side by side</p>
          <h2 id={`${id}-title`} className="compare__title">
            {attack.title}: defence off and on
          </h2>
        </div>
        <button type="button" className="btn" onClick={() => ref.current?.close()}>
          Close
        </button>
      </header>
      <p
        id={`${id}-summary`}
        className={`compare__summary${state.status === 'done' ? '' : ' compare__summary--wait'}`}
        role="status"
        data-testid="compare-summary"
      >
        {summary}
      </p>
      {state.status === 'done' && <Runs pair={state.pair} />}
    </dialog>
  );
}
