/**
 * One message on the sequence diagram: its arrow (in the messages layer's SVG) and its label (an
 * HTML pill above the arrow). Both are drawn from the layout's coordinates: every message hangs
 * between two lifelines at its own row. Each is memoized on its element (see elements.ts), so on
 * Next only the new message and the one that stopped being current draw again.
 *
 * How a message looks never relies on colour alone: requests are solid with a filled head,
 * responses dashed with an open head (the UML convention the spec's diagrams use), handoffs
 * dotted; the current message is thick with a "now" marker; errors, refusals and blocks carry
 * an icon and a word.
 */
import { memo } from 'react';
import type { MouseEvent } from 'react';
import type { Edge } from '@xyflow/react';
import { markPill, markText } from '../../run/marks/marks';
import type { MessageMark } from '../../run/marks/marks';
import { useMask } from '../../run/view/MaskContext';
import { TONE_ICON } from '../../run/trace/describe';
import type { MessageBox } from '../../run/trace/layout';

export type MessageStatus = 'past' | 'current';

export interface MessageEdgeData extends Record<string, unknown> {
  box: MessageBox;
  /** The label's text, cut to the room it has beside its number, icons and mark (elements.ts). */
  text: string;
  status: MessageStatus;
  selected: boolean;
  /** Loops go out to the left on the rightmost lane (see layout). */
  loopLeft: boolean;
  loopWidth: number;
  onSelect: (seq: number) => void;
  /** In an attack run: the arrow where a defence stopped it, or one carrying a stolen artefact; in a recording, the rules it broke. */
  mark?: MessageMark | null;
}

/** A message as an element of the diagram (React Flow's edge shape: an id, an accessible name, data). */
export type MessageEdgeType = Edge<MessageEdgeData, 'message'>;

function pathFor(box: MessageBox, loopLeft: boolean, loopWidth: number): string {
  if (box.direction === 'self') {
    const out = loopLeft ? box.fromX - loopWidth : box.fromX + loopWidth;
    const back = loopLeft ? box.fromX - 3 : box.fromX + 3;
    return `M ${box.fromX} ${box.y - 10} H ${out} V ${box.y + 10} H ${back}`;
  }
  // Stop just short of the target lifeline so the arrow head touches it, not crosses it.
  const end = box.direction === 'right' ? box.toX - 2 : box.toX + 2;
  return `M ${box.fromX} ${box.y} H ${end}`;
}

/** A "no entry" sign on the arrow, just before its head: where a defence stopped the attack. */
function StopSign({ box, loopLeft, loopWidth }: { box: MessageBox; loopLeft: boolean; loopWidth: number }) {
  const x =
    box.direction === 'self'
      ? loopLeft
        ? box.fromX - loopWidth
        : box.fromX + loopWidth
      : box.toX + (box.direction === 'right' ? -24 : 24);
  return (
    <g className="seq-stop" aria-hidden="true">
      <circle cx={x} cy={box.y} r="8" />
      <rect x={x - 4.5} y={box.y - 1.5} width="9" height="3" rx="1" />
    </g>
  );
}

/** The arrow, in the layer's SVG. A wide invisible stroke makes a thin arrow easy to click. */
export const MessageArrow = memo(function MessageArrow({ edge }: { edge: MessageEdgeType }) {
  const { data } = edge;
  if (!data) return null;
  const { box, status, selected, loopLeft, loopWidth, onSelect, mark } = data;
  const marker = `url(#seq-arrow-${box.kind === 'response' ? 'open' : 'filled'}${status === 'current' ? '-current' : ''})`;
  const classes = [
    'react-flow__edge-path',
    'seq-edge',
    `seq-edge--${box.kind}`,
    `seq-edge--${status}`,
    `seq-edge--tone-${box.tone}`,
    selected ? 'seq-edge--selected' : '',
    mark ? `seq-edge--${mark.kind}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const path = pathFor(box, loopLeft, loopWidth);
  return (
    // `nopan`: pressing on an arrow selects it instead of starting to pan the diagram.
    <g
      className="seq-arrow nopan"
      role="img"
      aria-label={edge.ariaLabel}
      data-testid={`seq-arrow-${box.seq}`}
      onClick={() => onSelect(box.seq)}
    >
      <path d={path} className={classes} markerEnd={marker} />
      <path d={path} className="seq-arrow__hit" />
      {mark?.kind === 'stop' && <StopSign box={box} loopLeft={loopLeft} loopWidth={loopWidth} />}
    </g>
  );
});

/** The label: the message's number, markers, and its text cut to the room it has. */
export const MessageLabel = memo(function MessageLabel({ edge }: { edge: MessageEdgeType }) {
  const mask = useMask();
  const { data } = edge;
  if (!data) return null;
  const { box, text, status, selected, onSelect, mark } = data;
  const transform =
    box.direction === 'self'
      ? `translate(${box.labelAlign === 'end' ? '-100%' : '0'}, -50%) translate(${box.labelX}px, ${box.y}px)`
      : `translate(-50%, -100%) translate(${box.labelX}px, ${box.y - 3}px)`;
  const select = (event: MouseEvent) => {
    event.stopPropagation();
    onSelect(box.seq);
  };
  return (
    <div
      className={`seq-label seq-label--${status} seq-label--tone-${box.tone}${selected ? ' seq-label--selected' : ''}${mark ? ` seq-label--${mark.kind}` : ''}`}
      style={{ transform, maxWidth: box.labelMaxWidth }}
      title={mask(mark ? `${box.label} (${markText(mark)})` : box.label)}
      data-seq={box.seq}
      data-status={status}
      onClick={select}
    >
      <span className="seq-label__num">{box.seq + 1}</span>
      {status === 'current' && (
        <span className="seq-label__now" aria-hidden="true">
          ▶
        </span>
      )}
      {box.tone !== 'normal' && (
        <span className="seq-label__flag" aria-hidden="true">
          {TONE_ICON[box.tone]}
        </span>
      )}
      {mark && (
        <span className={`seq-label__mark seq-label__mark--${mark.kind}`} aria-hidden="true">
          {markPill(mark)}
        </span>
      )}
      <span className="seq-label__text">{mask(text)}</span>
    </div>
  );
});
