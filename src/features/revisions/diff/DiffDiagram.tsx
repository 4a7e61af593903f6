/**
 * The two runs of What changed as one sequence diagram: the lanes of the parties either run has
 * (named and ordered as the simulator's diagram names and orders them), one row per aligned
 * message. "One diagram" draws each message once; "side by side" draws each run in its own half,
 * row against row. The list of rows is the text alternative too: each row reads as one sentence.
 * Too wide for its room (side by side on a phone), it scrolls within its own labelled region, which
 * the keyboard can reach then.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { RefObject } from 'react';
import { LANES } from '../../../sim/lanes';
import type { Lane } from '../../../sim/lanes';
import { DiffRow } from './DiffRow';
import type { Opener } from './RowNote';
import { foldSame } from './rows';
import type { DiagramRow } from './rows';
import './diagram.css';

interface Props {
  rows: readonly DiagramRow[];
  lanes: readonly Lane[];
  split: boolean;
  fold: boolean;
  open: Opener;
}

/** Whether the element is wider inside than its box, kept up to date as either changes. */
function useOverflows(ref: RefObject<HTMLElement | null>): boolean {
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const check = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    check();
    return () => observer.disconnect();
  }, [ref]);
  return overflows;
}

function LaneNames({ lanes, which }: { lanes: readonly Lane[]; which: string }) {
  return (
    <div
      className={`tmd-lanes tmd-lanes-head ${which}`}
      style={{ gridTemplateColumns: `repeat(${lanes.length}, minmax(0, 1fr))` }}
    >
      {lanes.map((lane) => (
        <span key={lane} className={`tmd-lane tmd-lane--${lane}`}>
          <span className="tmd-lane__long">{LANES[lane].label}</span>
          <span className="tmd-lane__short">{LANES[lane].short}</span>
        </span>
      ))}
    </div>
  );
}

/** A revision's date on two lines, to head its narrow column of message numbers. */
function DateHead({ revision, which }: { revision: string; which: 'a' | 'b' }) {
  const [year, ...rest] = revision.split('-');
  return (
    <span className={`tmd-num tmd-num--${which} tmd-datehead`}>
      {year}
      <br />
      {rest.join('-')}
    </span>
  );
}

function Head({ lanes, split, open }: Pick<Props, 'lanes' | 'split' | 'open'>) {
  return (
    <div className="tmd-head" aria-hidden="true">
      {split && <span className="tmd-runhead tmd-runhead--a">{open.from}</span>}
      {split && <span className="tmd-runhead tmd-runhead--b">{open.to}</span>}
      {split && <span className="tmd-divider" />}
      <DateHead revision={open.from} which="a" />
      {split && <LaneNames lanes={lanes} which="tmd-half--a" />}
      <DateHead revision={open.to} which="b" />
      <LaneNames lanes={lanes} which={split ? 'tmd-half--b' : ''} />
      {!split && <span className="tmd-note tmd-note--head">What changed, and why</span>}
    </div>
  );
}

function Lifelines({ lanes, split }: Pick<Props, 'lanes' | 'split'>) {
  const cell = (which: string) => (
    <div
      className={`tmd-lanes ${which}`}
      style={{ gridTemplateColumns: `repeat(${lanes.length}, minmax(0, 1fr))` }}
    >
      {lanes.map((lane) => (
        <span key={lane} className="tmd-lifeline" />
      ))}
    </div>
  );
  return (
    <div className="tmd-lifelines" aria-hidden="true">
      {split && cell('tmd-half--a')}
      {split && <span className="tmd-divider" />}
      {cell(split ? 'tmd-half--b' : '')}
    </div>
  );
}

export function DiffDiagram({ rows, lanes, split, fold, open }: Props) {
  const [opened, setOpened] = useState<ReadonlySet<number>>(new Set());
  const region = useRef<HTMLDivElement>(null);
  const overflows = useOverflows(region);
  const items = foldSame(rows, fold, opened);
  const unfold = (key: number) => {
    flushSync(() => setOpened(new Set([...opened, key])));
    // The fold's button is gone: the keyboard goes to the first message it opened, not to the page.
    region.current?.querySelector<HTMLElement>(`[data-row="${key}"] a`)?.focus();
  };
  return (
    <div className={`tmd ${split ? 'tmd--split' : 'tmd--merged'}`}>
      <div
        ref={region}
        className="tmd-scroll"
        role="region"
        aria-label={`Diagram of ${open.from} and ${open.to}, ${split ? 'side by side' : 'as one'}`}
        // Reachable by the keyboard only when there is something to scroll to.
        tabIndex={overflows ? 0 : undefined}
      >
        <div className="tmd-grid">
          <Head lanes={lanes} split={split} open={open} />
          <div className="tmd-body">
            <Lifelines lanes={lanes} split={split} />
            <ol className="tmd-rows" aria-label="Message by message">
              {items.map((item) =>
                item.type === 'row' ? (
                  <DiffRow key={item.row.index} row={item.row} lanes={lanes} split={split} open={open} />
                ) : (
                  <li key={`fold-${item.key}`} className="tmd-fold">
                    <button type="button" onClick={() => unfold(item.key)}>
                      {item.rows.length} {item.rows.length === 1 ? 'message' : 'messages'} the same in both
                      <span aria-hidden="true"> · </span>
                      <span className="tmd-fold__show">show</span>
                    </button>
                  </li>
                ),
              )}
            </ol>
          </div>
        </div>
      </div>
    </div>
  );
}
