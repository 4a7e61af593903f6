/**
 * The body of the diagram, drawn inside React Flow's viewport (so it pans and zooms with the lane
 * headers) but not as React Flow nodes and edges: the lifelines, the placeholder row, the arrows
 * (one SVG) and their labels. React Flow costs each edge a wrapper component and three store
 * subscriptions, and re-runs every edge's selectors on each update of its store, several times per
 * step; and it re-measures any node that changes (a lifeline grows by a row each step). With a
 * hundred messages that was most of a step's work. Here only what changed draws again: the
 * lifelines' length, the placeholder's row, and the messages whose element changed (elements.ts).
 *
 * Document order is paint order: the placeholder, then the lifelines, then the messages in groups
 * (each group's arrows, then its labels), so a label is never crossed by a lifeline. A label sits
 * just above its own arrow, well clear of the rows before and after it, so a later group's arrows
 * never cross an earlier group's labels.
 */
import { memo } from 'react';
import { ViewportPortal } from '@xyflow/react';
import type { LaneBox } from '../../run/trace/layout';
import { MessageArrow, MessageLabel } from './MessageEdge';
import type { MessageEdgeType } from './MessageEdge';
import { GhostRow } from './nodes';
import type { GhostData } from './nodes';

export interface DiagramBody {
  lanes: readonly LaneBox[];
  /** Where the lifelines start (under the lane headers) and end. */
  top: number;
  bottom: number;
  /** The row the next message will take. */
  nextY: number;
  ghost: GhostData;
  edges: readonly MessageEdgeType[];
}

const Lifelines = memo(function Lifelines({
  lanes,
  top,
  bottom,
}: {
  lanes: readonly LaneBox[];
  top: number;
  bottom: number;
}) {
  return lanes.map((lane) => (
    <div
      key={lane.lane}
      className="seq-lifeline"
      style={{ transform: `translate(${lane.x - 1}px, ${top}px)`, height: bottom - top }}
    />
  ));
});

/**
 * Messages per group. A step changes the last group or two (the new message, the one that stopped
 * being current), so React compares and the browser lays out a group, not every message: with a
 * hundred messages, all of them in one container cost every step a pass over all of them.
 */
const GROUP = 20;

const sameEdges = (a: readonly MessageEdgeType[], b: readonly MessageEdgeType[]) =>
  a.length === b.length && a.every((edge, i) => edge === b[i]);

const MessageGroup = memo(
  function MessageGroup({ edges }: { edges: readonly MessageEdgeType[] }) {
    return (
      <div className="seq-group">
        <svg className="seq-arrows">
          {edges.map((edge) => (
            <MessageArrow key={edge.id} edge={edge} />
          ))}
        </svg>
        {edges.map((edge) => (
          <MessageLabel key={edge.id} edge={edge} />
        ))}
      </div>
    );
  },
  // A group's slice is a new array on every step; its elements keep their identity (elements.ts).
  (before, after) => sameEdges(before.edges, after.edges),
);

const Messages = memo(function Messages({ edges }: { edges: readonly MessageEdgeType[] }) {
  const groups: MessageEdgeType[][] = [];
  for (let i = 0; i < edges.length; i += GROUP) groups.push(edges.slice(i, i + GROUP));
  return groups.map((group, i) => <MessageGroup key={i} edges={group} />);
});

export function MessageLayer({ body }: { body: DiagramBody }) {
  const { lanes, top, bottom, nextY, ghost, edges } = body;
  const first = lanes[0]?.x ?? 0;
  const last = lanes.at(-1)?.x ?? first;
  return (
    <ViewportPortal>
      <div className="seq-body">
        <GhostRow ghost={ghost} x={first - 40} y={nextY} width={last - first + 80} />
        <Lifelines lanes={lanes} top={top} bottom={bottom} />
        <Messages edges={edges} />
      </div>
    </ViewportPortal>
  );
}
