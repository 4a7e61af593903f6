/**
 * Turns a layout into the diagram's elements: the lane headers (React Flow nodes) and one element
 * per message (drawn by MessageLayer), reusing the previous objects for anything that did not
 * change. A message draws again only when its element changes, and the nodes change only when the
 * lanes do, so on Next only the new arrow and the one that stopped being current are drawn again
 * (the < 16 ms budget at 100 messages depends on this).
 */
import type { NodeHandle } from '@xyflow/react';
import type { Lane } from '../../sim/lanes';
import { markOf, markPill, markText, NO_MARKS, sameMark } from '../../run/marks/marks';
import { fitLabel } from '../../run/trace/layout';
import type { AttackMarks, MessageMark } from '../../run/marks/marks';
import type { LayoutOptions, MessageBox, SequenceLayout } from '../../run/trace/layout';
import type { MessageEdgeType, MessageStatus } from './MessageEdge';
import type { DiagramNode } from './nodes';

export const HEADER_WIDTH = 200;

export const lifelineId = (lane: Lane) => `line-${lane}`;

/**
 * The nodes have no handles and say so: React Flow would otherwise measure a new node object again
 * (a ResizeObserver callback, then a second render of the flow).
 */
const NO_HANDLES: NodeHandle[] = [];

function sameNode(a: DiagramNode, b: DiagramNode): boolean {
  return (
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.data.label === b.data.label &&
    a.data.lane === b.data.lane
  );
}

/**
 * The lane headers, taking unchanged ones from `previous` (by id); `previous` itself when nothing
 * changed, so React Flow is not handed new nodes on every step.
 */
export function buildNodes(
  layout: SequenceLayout,
  options: LayoutOptions,
  previous: DiagramNode[] = [],
): DiagramNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  const nodes = layout.lanes.map((lane): DiagramNode => {
    const node: DiagramNode = {
      id: `head-${lane.lane}`,
      type: 'laneHeader',
      position: { x: lane.x - HEADER_WIDTH / 2, y: 0 },
      width: HEADER_WIDTH,
      height: options.headerHeight - 12,
      data: { label: lane.label, lane: lane.lane },
      handles: NO_HANDLES,
      draggable: false,
      selectable: false,
      focusable: false,
    };
    const old = before.get(node.id);
    return old && sameNode(old, node) ? old : node;
  });
  const same = nodes.length === previous.length && nodes.every((n, i) => n === previous[i]);
  return same ? previous : nodes;
}

/**
 * The label's text with a mark's pill beside it ("STOP · S-06", "stolen"): the layout cut the text
 * for the number and icon only, so a marked message is cut again for its pill (10px bold capitals,
 * about 7px a character, and its padding), from the full label, keeping as many words as fit.
 */
function labelText(box: MessageBox, options: LayoutOptions, mark: MessageMark | null): string {
  if (!mark) return box.shortLabel;
  const pill = markPill(mark).length * 7 + 16;
  const room = box.labelMaxWidth - options.badgeWidth - pill;
  return fitLabel(box.label, Math.max(4, Math.floor(room / options.charWidth)));
}

export interface EdgeInputs {
  layout: SequenceLayout;
  options: LayoutOptions;
  selected: number | null;
  onSelect: (seq: number) => void;
  /** In an attack run: where the defence stopped it, and what was stolen; in a recording, broken rules. */
  marks?: AttackMarks;
  /** False for a recording: it has no current step, only messages. */
  showCurrent?: boolean;
}

function sameBox(a: MessageBox, b: MessageBox): boolean {
  if (a === b) return true;
  return (
    a.seq === b.seq &&
    a.y === b.y &&
    a.fromX === b.fromX &&
    a.toX === b.toX &&
    a.shortLabel === b.shortLabel &&
    a.tone === b.tone &&
    a.labelX === b.labelX
  );
}

/**
 * Builds one element per message (in React Flow's edge shape: the lifelines it joins, its accessible
 * name, its data), taking unchanged ones from `previous` (by id) so their identity is kept.
 */
export function buildEdges(
  inputs: EdgeInputs,
  previous: ReadonlyMap<string, MessageEdgeType>,
): MessageEdgeType[] {
  const { layout, options, selected, onSelect, marks = NO_MARKS, showCurrent = true } = inputs;
  const lastSeq = showCurrent ? layout.messages.at(-1)?.seq : undefined;
  return layout.messages.map((box) => {
    const id = `m-${box.seq}`;
    const status: MessageStatus = box.seq === lastSeq ? 'current' : 'past';
    const isSelected = box.seq === selected;
    const mark = markOf(marks, box.seq);
    const old = previous.get(id);
    if (
      old?.data &&
      old.data.status === status &&
      old.data.selected === isSelected &&
      old.data.onSelect === onSelect &&
      sameMark(old.data.mark, mark) &&
      sameBox(old.data.box, box)
    ) {
      return old;
    }
    return {
      id,
      type: 'message',
      source: lifelineId(box.from),
      target: lifelineId(box.to),
      ariaLabel: `Message ${box.seq + 1}: ${box.label}${mark ? ` (${markText(mark)})` : ''}${status === 'current' ? ' (current step)' : ''}`,
      data: {
        box,
        text: labelText(box, options, mark),
        status,
        selected: isSelected,
        // The loop goes out on the side its label sits (layout: the side with more room).
        loopLeft: box.direction === 'self' && box.labelAlign === 'end',
        loopWidth: options.loopWidth,
        onSelect,
        mark,
      },
    };
  });
}
