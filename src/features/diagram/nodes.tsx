/**
 * The diagram's fixed parts: a header box per party (React Flow nodes, which fit-to-view and the
 * lane layout are about), and, drawn by the diagram layer beneath the messages, each party's
 * lifeline and one placeholder row for the message that has not happened yet. The placeholder is
 * honest: it never names the next message, because the run has not produced it (nothing is
 * pre-computed).
 */
import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import { LANES } from '../../sim/lanes';
import type { Lane } from '../../sim/lanes';

export type LaneHeaderNodeType = Node<{ label: string; lane: Lane; compact: boolean }, 'laneHeader'>;

export type DiagramNode = LaneHeaderNodeType;

export interface GhostData {
  text: string;
  state: 'next' | 'waiting' | 'ended';
}

/**
 * A lane's name, as the specification's diagrams write it, on two lines where it has a role in
 * brackets ("MCP Server" over "(Resource Server)"), so neither is cut; a narrow header shows the
 * party's short name, with the full one for assistive technology and a tooltip.
 */
export const LaneHeaderNode = memo(function LaneHeaderNode({ data }: NodeProps<LaneHeaderNodeType>) {
  return <LaneHeader lane={data.lane} label={data.label} compact={data.compact} />;
});

export function LaneHeader({ lane, label, compact }: { lane: Lane; label: string; compact: boolean }) {
  const role = /^(.*?)\s*(\(.*\))$/.exec(label);
  return (
    <div className={`seq-lane seq-lane--${lane}${compact ? ' seq-lane--compact' : ''}`} title={label}>
      {compact ? (
        <span>{LANES[lane].short}</span>
      ) : role ? (
        <span>
          {role[1]} <span className="seq-lane__role">{role[2]}</span>
        </span>
      ) : (
        <span>{label}</span>
      )}
    </div>
  );
}

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
