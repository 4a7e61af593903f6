/**
 * Turns a layout into React Flow nodes and edges, reusing the previous objects for anything that
 * did not change. React Flow re-renders an edge only when its object changes, so on Next only the
 * new arrow and the one that stopped being current are drawn again (the < 16 ms budget at 100
 * messages depends on this).
 */
import { Position } from '@xyflow/react';
import type { NodeHandle } from '@xyflow/react';
import type { Lane } from '../../sim/lanes';
import { markOf, markText, NO_MARKS, sameMark } from '../attacks/marks';
import type { AttackMarks } from '../attacks/marks';
import type { LayoutOptions, MessageBox, SequenceLayout } from './layout';
import type { MessageEdgeType, MessageStatus } from './MessageEdge';
import type { DiagramNode, GhostNodeType } from './nodes';

const HEADER_WIDTH = 200;
const LIFELINE_WIDTH = 12;

export const lifelineId = (lane: Lane) => `line-${lane}`;

// Edges attach to these; the arrows themselves are drawn from the layout's coordinates.
const HANDLES: NodeHandle[] = [
  { id: 's', type: 'source', position: Position.Right, x: LIFELINE_WIDTH / 2, y: 0 },
  { id: 't', type: 'target', position: Position.Left, x: LIFELINE_WIDTH / 2, y: 0 },
];

export function buildNodes(
  layout: SequenceLayout,
  options: LayoutOptions,
  ghost: GhostNodeType['data'],
): DiagramNode[] {
  const nodes: DiagramNode[] = [];
  for (const lane of layout.lanes) {
    nodes.push({
      id: `head-${lane.lane}`,
      type: 'laneHeader',
      position: { x: lane.x - HEADER_WIDTH / 2, y: 0 },
      width: HEADER_WIDTH,
      height: options.headerHeight - 12,
      data: { label: lane.label, lane: lane.lane },
      draggable: false,
      selectable: false,
      focusable: false,
    });
    nodes.push({
      id: lifelineId(lane.lane),
      type: 'lifeline',
      position: { x: lane.x - LIFELINE_WIDTH / 2, y: options.headerHeight - 12 },
      width: LIFELINE_WIDTH,
      height: layout.height - options.headerHeight + 12,
      handles: HANDLES,
      data: {},
      draggable: false,
      selectable: false,
      focusable: false,
    });
  }
  const first = layout.lanes[0]?.x ?? 0;
  const last = layout.lanes.at(-1)?.x ?? first;
  nodes.push({
    id: 'ghost',
    type: 'ghost',
    position: { x: first - 40, y: layout.nextY - 15 },
    width: last - first + 80,
    height: 30,
    data: ghost,
    draggable: false,
    selectable: false,
    focusable: false,
    zIndex: -1,
  });
  return nodes;
}

export interface EdgeInputs {
  layout: SequenceLayout;
  options: LayoutOptions;
  selected: number | null;
  onSelect: (seq: number) => void;
  /** In an attack run: where the defence stopped it, and what was stolen. */
  marks?: AttackMarks;
}

function sameBox(a: MessageBox, b: MessageBox): boolean {
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

/** Builds the edges, taking unchanged ones from `previous` (by id) so their identity is kept. */
export function buildEdges(
  inputs: EdgeInputs,
  previous: ReadonlyMap<string, MessageEdgeType>,
): MessageEdgeType[] {
  const { layout, options, selected, onSelect, marks = NO_MARKS } = inputs;
  const lastSeq = layout.messages.at(-1)?.seq;
  const rightmost = layout.lanes.at(-1)?.x;
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
      sourceHandle: 's',
      targetHandle: 't',
      selectable: false,
      focusable: false,
      ariaLabel: `Message ${box.seq + 1}: ${box.label}${mark ? ` (${markText(mark)})` : ''}${status === 'current' ? ' (current step)' : ''}`,
      zIndex: status === 'current' || isSelected ? 2 : 1,
      data: {
        box,
        status,
        selected: isSelected,
        loopLeft: box.direction === 'self' && box.fromX === rightmost && layout.lanes.length > 1,
        loopWidth: options.loopWidth,
        onSelect,
        mark,
      },
    };
  });
}
