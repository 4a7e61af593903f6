/**
 * The diagram's nodes: a header box per party, the party's lifeline beneath it, and one
 * placeholder row for the message that has not happened yet. The placeholder is honest: it never
 * names the next message, because the run has not produced it (nothing is pre-computed).
 */
import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';

export type LaneHeaderNodeType = Node<{ label: string; lane: string }, 'laneHeader'>;
export type LifelineNodeType = Node<Record<string, never>, 'lifeline'>;
export type GhostNodeType = Node<{ text: string; state: 'next' | 'waiting' | 'ended' }, 'ghost'>;

export type DiagramNode = LaneHeaderNodeType | LifelineNodeType | GhostNodeType;

export const LaneHeaderNode = memo(function LaneHeaderNode({ data }: NodeProps<LaneHeaderNodeType>) {
  return (
    <div className={`seq-lane seq-lane--${data.lane}`}>
      <span>{data.label}</span>
    </div>
  );
});

// Invisible handles: React Flow attaches edges to measured handles. The arrows themselves are
// drawn from the layout's coordinates, so where these sit does not matter.
export const LifelineNode = memo(function LifelineNode() {
  return (
    <div className="seq-lifeline">
      <Handle id="s" type="source" position={Position.Right} isConnectable={false} className="seq-handle" />
      <Handle id="t" type="target" position={Position.Left} isConnectable={false} className="seq-handle" />
    </div>
  );
});

const GHOST_ICON = { next: '?', waiting: '…', ended: '■' } as const;

export const GhostNode = memo(function GhostNode({ data }: NodeProps<GhostNodeType>) {
  return (
    <div className={`seq-ghost seq-ghost--${data.state}`}>
      <span className="seq-ghost__icon" aria-hidden="true">
        {GHOST_ICON[data.state]}
      </span>
      {data.text}
    </div>
  );
});

export const nodeTypes = { laneHeader: LaneHeaderNode, lifeline: LifelineNode, ghost: GhostNode };
