/**
 * One message on the sequence diagram. The arrow is drawn from the layout's coordinates, not from
 * React Flow's handle positions: every message hangs between two lifelines at its own row.
 *
 * How a message looks never relies on colour alone: requests are solid with a filled head,
 * responses dashed with an open head (the UML convention the spec's diagrams use), handoffs
 * dotted; the current message is thick with a "now" marker; errors, refusals and blocks carry
 * an icon and a word.
 */
import { memo } from 'react';
import type { MouseEvent } from 'react';
import { BaseEdge, EdgeLabelRenderer } from '@xyflow/react';
import type { Edge, EdgeProps } from '@xyflow/react';
import { TONE_ICON } from '../trace/describe';
import type { MessageBox } from './layout';

export type MessageStatus = 'past' | 'current';

export interface MessageEdgeData extends Record<string, unknown> {
  box: MessageBox;
  status: MessageStatus;
  selected: boolean;
  /** Loops go out to the left on the rightmost lane (see layout). */
  loopLeft: boolean;
  loopWidth: number;
  onSelect: (seq: number) => void;
}

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

function MessageEdgeImpl({ data }: EdgeProps<MessageEdgeType>) {
  if (!data) return null;
  const { box, status, selected, loopLeft, loopWidth, onSelect } = data;
  const marker = `url(#seq-arrow-${box.kind === 'response' ? 'open' : 'filled'}${status === 'current' ? '-current' : ''})`;
  const classes = [
    'seq-edge',
    `seq-edge--${box.kind}`,
    `seq-edge--${status}`,
    `seq-edge--tone-${box.tone}`,
    selected ? 'seq-edge--selected' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const labelTransform =
    box.direction === 'self'
      ? `translate(${box.labelAlign === 'end' ? '-100%' : '0'}, -50%) translate(${box.labelX}px, ${box.y}px)`
      : `translate(-50%, -100%) translate(${box.labelX}px, ${box.y - 3}px)`;
  const select = (event: MouseEvent) => {
    event.stopPropagation();
    onSelect(box.seq);
  };
  return (
    <>
      <BaseEdge
        path={pathFor(box, loopLeft, loopWidth)}
        markerEnd={marker}
        className={classes}
        interactionWidth={18}
      />
      <EdgeLabelRenderer>
        <div
          className={`seq-label seq-label--${status} seq-label--tone-${box.tone}${selected ? ' seq-label--selected' : ''}`}
          style={{ transform: labelTransform, maxWidth: box.labelMaxWidth }}
          title={box.label}
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
          <span className="seq-label__text">{box.shortLabel}</span>
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const MessageEdge = memo(MessageEdgeImpl);
