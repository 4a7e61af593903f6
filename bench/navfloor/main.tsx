/**
 * The navigation floor (bench/navFloor.ts): the least an interactive diagram costs here. React and
 * React Flow, the libraries the simulator's diagram is drawn with, render four lanes and one
 * message, and the page reports itself ready the way the simulator does (a toolbar not busy, a
 * message in the diagram). No simulator core, no player, no panels: what the app adds to a first
 * visit is its figure less this one.
 */
import { createRoot } from 'react-dom/client';
import { ReactFlow } from '@xyflow/react';
import type { Edge, Node, NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

function Lane({ data }: NodeProps<Node<{ label: string; seq?: number }>>) {
  return <div data-seq={data.seq}>{data.label}</div>;
}

const nodes: Node<{ label: string; seq?: number }>[] = [
  ...['Client', 'Browser', 'MCP server', 'Auth server'].map((label, i) => ({
    id: `lane-${i}`,
    type: 'lane',
    position: { x: i * 200, y: 0 },
    data: { label },
  })),
  { id: 'message', type: 'lane', position: { x: 100, y: 80 }, data: { label: 'POST /mcp', seq: 1 } },
];
const edges: Edge[] = [{ id: 'e', source: 'lane-0', target: 'lane-2' }];

function Floor() {
  return (
    <>
      <div className="toolbar" data-status="idle" />
      <div style={{ height: 600 }}>
        <ReactFlow nodes={nodes} edges={edges} nodeTypes={{ lane: Lane }} fitView />
      </div>
    </>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<Floor />);
