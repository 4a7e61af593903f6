/**
 * The live sequence diagram. A view of the trace: layout (pure) → lane headers and messages
 * (cached) → React Flow, which pans and zooms: the lane headers are its nodes; the lifelines, the
 * placeholder row and the messages a layer of their own inside its viewport (MessageLayer says
 * why). React Flow itself is not re-rendered on a step: its props only change with the lanes.
 * The learner can pan (drag, or scroll) and zoom; the current arrow is followed.
 * The message list beside it is the text alternative, so the canvas itself is not a tab stop
 * per arrow (a hundred tab stops would be a trap, not an aid).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  ControlButton,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStoreApi,
} from '@xyflow/react';
import type { CoordinateExtent, Rect } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { attackMarks } from '../../run/marks/marks';
import { endTitle } from '../../run/trace/describe';
import { useSelectedSeq, useSend, useView } from '../../run/player/hooks';
import { PlayerContext } from '../../run/player/PlayerContext';
import { useViewOptions } from '../../run/view/ViewContext';
import { buildEdges, buildNodes, HEADER_WIDTH } from './elements';
import { DEFAULT_LAYOUT, layoutSequence } from '../../run/trace/layout';
import type { LaneBox } from '../../run/trace/layout';
import type { MessageEdgeType } from './MessageEdge';
import { MessageLayer } from './MessageLayer';
import type { DiagramNode, GhostData } from './nodes';
import { nodeTypes } from './nodes';
import { StickyLanes } from './StickyLanes';
import { useFollowCurrent } from './useFollowCurrent';
import { useRevealSelected } from './useRevealSelected';

/** How far below the diagram's end the learner can pan grows by this much at a time (20 rows). */
const EXTENT_STRIDE = 20 * DEFAULT_LAYOUT.rowHeight;

/** React Flow draws no edges: the messages are MessageLayer's. */
const NO_EDGES: never[] = [];

/** Keeps the previous elements so unchanged ones keep their identity (see elements.ts). */
class ElementCache {
  private edgesById = new Map<string, MessageEdgeType>();
  private lastNodes: DiagramNode[] = [];
  private lastLanes: readonly LaneBox[] = [];
  edges(inputs: Parameters<typeof buildEdges>[0]): MessageEdgeType[] {
    const edges = buildEdges(inputs, this.edgesById);
    this.edgesById = new Map(edges.map((e) => [e.id, e]));
    return edges;
  }
  nodes(layout: Parameters<typeof buildNodes>[0]): DiagramNode[] {
    this.lastNodes = buildNodes(layout, DEFAULT_LAYOUT, this.lastNodes);
    return this.lastNodes;
  }
  /** The lanes, the previous array while they are the same. */
  lanes(lanes: readonly LaneBox[]): readonly LaneBox[] {
    const same =
      lanes.length === this.lastLanes.length &&
      lanes.every((l, i) => l.lane === this.lastLanes[i]?.lane && l.x === this.lastLanes[i]?.x);
    if (!same) this.lastLanes = lanes;
    return this.lastLanes;
  }
}

/** React Flow's own "fit view" icon. */
function FitViewIcon() {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 30" aria-hidden="true" focusable="false">
      <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
    </svg>
  );
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
  const flow = useReactFlow();
  const store = useStoreApi();
  const [cache] = useState(() => new ElementCache());
  const layout = useMemo(() => layoutSequence(view.trace), [view.trace]);
  const marks = useMemo(() => attackMarks(view.trace, view.attack), [view.trace, view.attack]);
  // Stable: every message element carries it, so a new function would draw them all again.
  const onSelect = useCallback((seq: number) => send({ type: 'SELECT', seq }), [send]);

  // A recording is not a run: no current step to follow or mark, and its end is the file's.
  const recorded = PlayerContext.useSelector((s) => s.context.recorded !== null);
  const ghostState: GhostData['state'] = view.finished ? 'ended' : view.consent ? 'waiting' : 'next';
  const ghostText =
    ghostState === 'ended'
      ? recorded
        ? 'End of the recording'
        : `End of the flow: ${endTitle(view.trace)}`
      : ghostState === 'waiting'
        ? 'Waiting for the user: decide in the browser window'
        : view.trace.length === 0
          ? 'The first message: press Next'
          : 'Next message: not sent yet';
  const ghost = useMemo(() => ({ state: ghostState, text: ghostText }), [ghostState, ghostText]);
  const nodes = useMemo(() => cache.nodes(layout), [cache, layout]);
  const lanes = useMemo(() => cache.lanes(layout.lanes), [cache, layout.lanes]);
  const edges = useMemo(
    () => cache.edges({ layout, options: DEFAULT_LAYOUT, selected, onSelect, marks, showCurrent: !recorded }),
    [cache, layout, selected, onSelect, marks, recorded],
  );

  // The pannable area grows with the diagram. Set on React Flow's store, not as a prop: a new prop
  // would re-render the whole flow on every step. It grows in strides of twenty rows, so most steps
  // leave it (and React Flow's store and its subscribers) alone.
  const reach = Math.ceil(layout.height / EXTENT_STRIDE) * EXTENT_STRIDE + 600;
  const extent = useMemo(
    (): CoordinateExtent => [
      [-400, -200],
      [layout.width + 400, reach],
    ],
    [layout.width, reach],
  );
  const [initialExtent] = useState(extent);
  useEffect(() => {
    store.getState().setTranslateExtent(extent);
  }, [store, extent]);

  // "Fit view" fits the whole diagram: the lane headers down to the end of the lifelines.
  const bounds = useRef<Rect>({ x: 0, y: 0, width: 0, height: 0 });
  useEffect(() => {
    const first = layout.lanes[0]?.x ?? 0;
    const last = layout.lanes.at(-1)?.x ?? first;
    bounds.current = {
      x: first - HEADER_WIDTH / 2,
      y: 0,
      width: last - first + HEADER_WIDTH,
      height: layout.height,
    };
  }, [layout]);
  const fit = useCallback(() => void flow.fitBounds(bounds.current), [flow]);

  const current = layout.messages.at(-1);
  const presenter = useViewOptions().view;
  const presenterScale = presenter.present ? presenter.scale : null;
  // With no message yet (a reset, another scenario, an attack chosen) the placeholder row is what
  // to show: the view returns to the diagram's start, whatever it showed before.
  useFollowCurrent(
    layout,
    recorded ? null : view.finished || view.consent || !current ? layout.nextY : current.y,
    view.finished ? 0.85 : 0.62,
    presenterScale,
  );
  useRevealSelected(layout, selected, !recorded);

  const canvas = useMemo(
    () => (
      <ReactFlow
        nodes={nodes}
        edges={NO_EDGES}
        nodeTypes={nodeTypes}
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
        translateExtent={initialExtent}
        aria-label="Sequence diagram"
      >
        <StickyLanes lanes={lanes} laneGap={DEFAULT_LAYOUT.laneGap} />
        <Controls showInteractive={false} showFitView={false} position="bottom-right">
          <ControlButton
            onClick={fit}
            className="react-flow__controls-fitview"
            title="Fit View"
            aria-label="Fit View"
          >
            <FitViewIcon />
          </ControlButton>
        </Controls>
      </ReactFlow>
    ),
    [nodes, lanes, presenterScale, initialExtent, fit],
  );

  return (
    <>
      {canvas}
      <MessageLayer
        body={{
          lanes: layout.lanes,
          top: DEFAULT_LAYOUT.headerHeight - 12,
          bottom: layout.height,
          nextY: layout.nextY,
          ghost,
          edges,
        }}
      />
    </>
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
