/**
 * One row of the What-changed diagram: one aligned message of the two runs. In one diagram the
 * message is drawn once (a changed label shows both versions); side by side each run's message is
 * drawn in its own half, with a gap where a run has none. Each row starts with the sentence a screen
 * reader reads (rows.ts) and its numbers, which open the message in the simulator; a row that
 * differs is marked by a sign and a word as well as a colour, and carries its note (RowNote).
 */
import type { Lane } from '../../../sim/lanes';
import { messageLabel } from '../../../run/trace/describe';
import { MessageArrow } from './MessageArrow';
import { RowNote, SIGN } from './RowNote';
import type { Opener } from './RowNote';
import { rowLabels, rowSentence } from './rows';
import type { DiagramRow, Side } from './rows';

interface Props {
  row: DiagramRow;
  lanes: readonly Lane[];
  split: boolean;
  open: Opener;
}

function Num({ side, which, open }: { side: Side | undefined; which: 'a' | 'b'; open: Opener }) {
  const cls = `tmd-num tmd-num--${which}`;
  if (!side)
    return (
      <span className={`${cls} tmd-num--none`} aria-hidden="true">
        –
      </span>
    );
  const revision = which === 'a' ? open.from : open.to;
  return (
    <a
      className={cls}
      href={open.href(which, side.seq)}
      aria-label={`Open message ${side.seq + 1} in ${revision}`}
    >
      {side.seq + 1}
    </a>
  );
}

function Merged({ row, lanes }: { row: DiagramRow; lanes: readonly Lane[] }) {
  const event = row.b?.event ?? row.a?.event;
  if (!event) return null;
  const { a, b } = rowLabels(row);
  const label =
    a !== undefined && b !== undefined && a !== b ? (
      <>
        <del>{a}</del> <ins>{b}</ins>
      </>
    ) : (
      (b ?? a)
    );
  return (
    <div className="tmd-lanes" aria-hidden="true">
      <MessageArrow event={event} lanes={lanes} label={label} />
    </div>
  );
}

function Half({
  side,
  which,
  lanes,
  missing,
}: {
  side: Side | undefined;
  which: 'a' | 'b';
  lanes: readonly Lane[];
  missing: string;
}) {
  return (
    <div className={`tmd-lanes tmd-half--${which}${side ? '' : ' tmd-gap'}`} aria-hidden="true">
      {side ? (
        <MessageArrow event={side.event} lanes={lanes} label={messageLabel(side.event)} />
      ) : (
        <span className="tmd-gap__text">{missing}</span>
      )}
    </div>
  );
}

export function DiffRow({ row, lanes, split, open }: Props) {
  return (
    <li className={`tmd-row tmd-row--${row.kind}`} data-row={row.index}>
      <span className="visually-hidden">{rowSentence(row, open.from, open.to)}</span>
      <span className="tmd-sign" aria-hidden="true">
        {SIGN[row.kind]}
      </span>
      <Num side={row.a} which="a" open={open} />
      {split && <Half side={row.a} which="a" lanes={lanes} missing={`Not in ${open.from}`} />}
      <Num side={row.b} which="b" open={open} />
      {split ? (
        <Half side={row.b} which="b" lanes={lanes} missing={`Not in ${open.to}`} />
      ) : (
        <Merged row={row} lanes={lanes} />
      )}
      {row.kind !== 'same' && <RowNote row={row} open={open} />}
    </li>
  );
}
