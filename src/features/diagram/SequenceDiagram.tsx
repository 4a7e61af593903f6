/**
 * The live sequence diagram. A view of the trace: layout (pure) → nodes and edges (cached) →
 * React Flow. The learner can pan (drag, or scroll) and zoom; the current arrow is followed.
 * The message list beside it is the text alternative, so the canvas itself is not a tab stop
 * per arrow (a hundred tab stops would be a trap, not an aid).
 */
import { useCallback, useMemo, useState } from 'react';
import { Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { attackMarks } from '../attacks/marks';
import { endTitle } from '../trace/describe';
import { useSelectedSeq, useSend, useView } from '../player/hooks';
import { useViewOptions } from '../presenter/ViewContext';
import { buildEdges, buildNodes } from './elements';
import { DEFAULT_LAYOUT, layoutSequence } from './layout';
import { MessageEdge } from './MessageEdge';
import type { MessageEdgeType } from './MessageEdge';
import type { GhostNodeType } from './nodes';
import { nodeTypes } from './nodes';
import { StickyLanes } from './StickyLanes';
import { useFollowCurrent } from './useFollowCurrent';
import { useRevealSelected } from './useRevealSelected';

const edgeTypes = { message: MessageEdge };

/** Keeps the previous edges so unchanged ones keep their identity (see elements.ts). */
class EdgeCache {
  private byId = new Map<string, MessageEdgeType>();
  build(inputs: Parameters<typeof buildEdges>[0]): MessageEdgeType[] {
    const edges = buildEdges(inputs, this.byId);
    this.byId = new Map(edges.map((e) => [e.id, e]));
    return edges;
  }
}

function ArrowMarkers() {
  // Fixed-size heads (userSpaceOnUse) so thick current arrows do not get giant heads;
  // `context-stroke` paints each head in its own arrow's colour.
  const heads = [
    { id: 'filled', size: 9, path: <path d="M0,0 L10,5 L0,10 z" fill="context-stroke" /> },
    {
      id: 'open',
      size: 9,
      path: <path d="M1,1 L9,5 L1,9" fill="none" stroke="context-stroke" strokeWidth="1.8" />,
    },
    { id: 'filled-current', size: 12, path: <path d="M0,0 L10,5 L0,10 z" fill="context-stroke" /> },
    {
      id: 'open-current',
      size: 12,
      path: <path d="M1,1 L9,5 L1,9" fill="none" stroke="context-stroke" strokeWidth="2" />,
    },
  ];
  return (
    <svg className="seq-markers" aria-hidden="true" focusable="false">
      <defs>
        {heads.map((h) => (
          <marker
            key={h.id}
            id={`seq-arrow-${h.id}`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth={h.size}
            markerHeight={h.size}
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            {h.path}
          </marker>
        ))}
      </defs>
    </svg>
  );
}

function DiagramCanvas() {
  const view = useView();
  const selected = useSelectedSeq();
  const send = useSend();
  const [cache] = useState(() => new EdgeCache());
  const layout = useMemo(() => layoutSequence(view.trace), [view.trace]);
  const marks = useMemo(() => attackMarks(view.trace, view.attack), [view.trace, view.attack]);
  const onSelect = useCallback((seq: number) => send({ type: 'SELECT', seq }), [send]);

  const ghostState: GhostNodeType['data']['state'] = view.finished
    ? 'ended'
    : view.consent
      ? 'waiting'
      : 'next';
  const ghostText =
    ghostState === 'ended'
      ? `End of the flow: ${endTitle(view.trace)}`
      : ghostState === 'waiting'
        ? 'Waiting for the user: decide in the browser window'
        : view.trace.length === 0
          ? 'The first message: press Next'
          : 'Next message: not sent yet';
  const nodes = useMemo(
    () => buildNodes(layout, DEFAULT_LAYOUT, { state: ghostState, text: ghostText }),
    [layout, ghostState, ghostText],
  );
  const edges = useMemo(
    () => cache.build({ layout, options: DEFAULT_LAYOUT, selected, onSelect, marks }),
    [cache, layout, selected, onSelect, marks],
  );

  const current = layout.messages.at(-1);
  const presenter = useViewOptions().view;
  const presenterScale = presenter.present ? presenter.scale : null;
  useFollowCurrent(
    layout,
    view.finished || view.consent ? layout.nextY : (current?.y ?? null),
    view.finished ? 0.85 : 0.62,
    presenterScale,
  );
  useRevealSelected(layout, selected);

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onEdgeClick={(_, edge) => onSelect(Number(edge.id.slice(2)))}
      nodesDraggable={false}
      nodesConnectable={false}
      nodesFocusable={false}
      edgesFocusable={false}
      elementsSelectable={false}
      panOnScroll
      zoomOnScroll={false}
      zoomOnDoubleClick={false}
      minZoom={0.3}
      maxZoom={presenterScale === null ? 1.6 : 3}
      defaultViewport={{ x: 0, y: 10, zoom: 0.8 }}
      translateExtent={[
        [-400, -200],
        [layout.width + 400, layout.height + 600],
      ]}
      aria-label="Sequence diagram"
    >
      <StickyLanes lanes={layout.lanes} laneGap={DEFAULT_LAYOUT.laneGap} />
      <Controls showInteractive={false} position="bottom-right" />
    </ReactFlow>
  );
}

export function SequenceDiagram() {
  return (
    <div className="seq-diagram">
      <ArrowMarkers />
      <ReactFlowProvider>
        <DiagramCanvas />
      </ReactFlowProvider>
    </div>
  );
}
