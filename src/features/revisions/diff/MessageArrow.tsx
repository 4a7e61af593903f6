/**
 * One message drawn between the lifelines of a diagram row: an arrow from its sender's lane to its
 * receiver's, or a loop on one lane for a party's own work, with its label above. Requests are
 * solid, responses dashed and handoffs dotted, as in the simulator's diagram. Positions are
 * fractions of the row, so the picture follows the width it is given; decorative (the row's
 * sentence says the same in words).
 */
import type { ReactNode } from 'react';
import type { Lane } from '../../../sim/lanes';
import type { TraceEvent } from '../../../sim/trace/types';

/** Where a lane's lifeline is, in percent of the lanes' width. */
export function laneX(lanes: readonly Lane[], lane: Lane): number {
  const i = Math.max(0, lanes.indexOf(lane));
  return ((i + 0.5) / lanes.length) * 100;
}

const pct = (n: number) => `${n.toFixed(3)}%`;

interface Props {
  event: TraceEvent;
  lanes: readonly Lane[];
  label: ReactNode;
}

export function MessageArrow({ event, lanes, label }: Props) {
  const from = laneX(lanes, event.from);
  const to = laneX(lanes, event.to);
  const style = event.kind === 'response' ? 'response' : event.kind === 'handoff' ? 'handoff' : 'request';
  if (from === to) {
    // A loop on the lane, its label beside it on the side with more room.
    const after = from < 50;
    return (
      <>
        <span
          className={`tmd-label tmd-label--${after ? 'after' : 'before'}`}
          style={
            after
              ? { marginLeft: `calc(${pct(from)} + 26px)`, maxWidth: `calc(${pct(100 - from)} - 28px)` }
              : { marginRight: `calc(${pct(100 - from)} + 8px)`, maxWidth: `calc(${pct(from)} - 10px)` }
          }
        >
          {label}
        </span>
        <span className="tmd-track">
          <span className="tmd-loop" style={{ left: pct(from) }} />
        </span>
      </>
    );
  }
  const left = Math.min(from, to);
  const mid = (from + to) / 2;
  return (
    <>
      {/*
       * Starts at the arrow's middle and moves back by the same fraction of its own width: the label
       * stays over its arrow and never leaves the row, whatever its length (no measuring).
       */}
      <span className="tmd-label" style={{ marginLeft: pct(mid), transform: `translateX(-${pct(mid)})` }}>
        {label}
      </span>
      <span className="tmd-track">
        <span
          className={`tmd-line tmd-line--${style} tmd-line--${to > from ? 'right' : 'left'}`}
          style={{ left: pct(left), width: pct(Math.abs(to - from)) }}
        />
      </span>
    </>
  );
}
