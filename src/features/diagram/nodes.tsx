/**
 * The diagram's fixed parts: a header box per party (React Flow nodes, which fit-to-view and the
 * lane layout are about), and, drawn by the diagram layer beneath the messages, each party's
 * lifeline and one placeholder row for the message that has not happened yet. The placeholder is
 * honest: it never names the next message, because the run has not produced it (nothing is
 * pre-computed).
 */
import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';

export type LaneHeaderNodeType = Node<{ label: string; lane: string }, 'laneHeader'>;

export type DiagramNode = LaneHeaderNodeType;

export interface GhostData {
  text: string;
  state: 'next' | 'waiting' | 'ended';
}

export const LaneHeaderNode = memo(function LaneHeaderNode({ data }: NodeProps<LaneHeaderNodeType>) {
  return (
    <div className={`seq-lane seq-lane--${data.lane}`}>
      <span>{data.label}</span>
    </div>
  );
});

const GHOST_ICON = { next: '?', waiting: '…', ended: '■' } as const;

/** The placeholder row, `width` wide, centred on the row at `y`, from `x`. */
export const GhostRow = memo(function GhostRow({
  ghost,
  x,
  y,
  width,
}: {
  ghost: GhostData;
  x: number;
  y: number;
  width: number;
}) {
  return (
    <div
      className={`seq-ghost seq-ghost--${ghost.state}`}
      style={{ transform: `translate(${x}px, ${y - 15}px)`, width, height: 30 }}
    >
      <span className="seq-ghost__icon" aria-hidden="true">
        {GHOST_ICON[ghost.state]}
      </span>
      {ghost.text}
    </div>
  );
});

export const nodeTypes = { laneHeader: LaneHeaderNode };
