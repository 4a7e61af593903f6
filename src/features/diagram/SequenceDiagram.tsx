/**
 * The live sequence diagram. A view of the trace: layout (pure) → lane headers and messages
 * (cached) → React Flow, which pans and zooms: the lane headers are its nodes; the lifelines, the
 * placeholder row and the messages a layer of their own inside its viewport (MessageLayer says
 * why). React Flow itself is not re-rendered on a step: its props only change with the lanes.
 * The learner can pan (drag, or scroll) and zoom; the current arrow is followed.
 * The message list beside it is the text alternative, so the canvas itself is not a tab stop
 * per arrow (a hundred tab stops would be a trap, not an aid).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import {
  ControlButton,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  useStoreApi,
} from '@xyflow/react';
import type { CoordinateExtent } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { attackMarks } from '../../run/marks/marks';
import { endTitle } from '../../run/trace/describe';
import { useSelectedSeq, useSend, useView } from '../../run/player/hooks';
import { PlayerContext } from '../../run/player/PlayerContext';
import { useViewOptions } from '../../run/view/ViewContext';
import { buildEdges, buildNodes } from './elements';
import { DEFAULT_LAYOUT, lanesFor, layoutSequence } from '../../run/trace/layout';
import type { LaneBox, LayoutOptions } from '../../run/trace/layout';
import { fitLanes, presenterFit, SCREEN_FIT } from './fit';
import type { LaneFit } from './fit';
import type { MessageEdgeType } from './MessageEdge';
import { MessageLayer } from './MessageLayer';
import type { DiagramNode, GhostData } from './nodes';
import { nodeTypes } from './nodes';
import { StickyLanes } from './StickyLanes';
import { useFollowCurrent } from './useFollowCurrent';
import { useRevealSelected } from './useRevealSelected';

/** How far below the diagram's end the learner can pan grows by this much at a time (20 rows). */
const EXTENT_STRIDE = 20 * DEFAULT_LAYOUT.rowHeight;

/** Presenter mode's rows: closer, so a projector shows more of the flow at a larger zoom. */
const PRESENTER_ROW = 38;

/** Before the canvas is measured: the layout's own spacing. */
const UNMEASURED: LaneFit = { laneGap: 220, marginX: 120, zoom: 0.8, headerWidth: 200 };

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
  nodes(
    layout: Parameters<typeof buildNodes>[0],
    options: LayoutOptions,
    headerWidth: number,
  ): DiagramNode[] {
    this.lastNodes = buildNodes(layout, options, this.lastNodes, headerWidth);
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

/**
 * React Flow measures its pane, and finds the element its viewport portal (MessageLayer) draws into,
 * in effects that run after the first paint: the first frame would show the lanes without their
 * messages, spaced for no width, and a second render in another task would draw them. Measured
 * here before the paint instead (React renders again at once, in the same task), with the same
 * measure React Flow takes (its offsetWidth and offsetHeight), so its own, later, changes nothing.
 */
function useMeasureBeforePaint(): RefObject<HTMLDivElement | null> {
  const store = useStoreApi();
  const flow = useRef<HTMLDivElement>(null);
  // The store's subscribers are not yet subscribed (React subscribes them after the paint): this
  // component's own update is what renders them again, reading the store as it now is.
  const [, setMeasured] = useState(false);
  useLayoutEffect(() => {
    const pane = flow.current;
    if (!pane || store.getState().domNode) return;
    // Where React Flow would not measure (a hidden pane), its width stays to React Flow to find.
    const visible = pane.checkVisibility?.() ?? true;
    const size = visible ? { width: pane.offsetWidth || 500, height: pane.offsetHeight || 500 } : {};
    store.setState({ domNode: pane, ...size });
    setMeasured(true);
  }, [store]);
  return flow;
}

function DiagramCanvas() {
  const pane = useMeasureBeforePaint();
  const view = useView();
  const selected = useSelectedSeq();
  const send = useSend();
  const flow = useReactFlow();
  const store = useStoreApi();
  const [cache] = useState(() => new ElementCache());
  // The lanes spaced for the canvas's width (fit.ts), at a zoom where labels are readable.
  const canvasWidth = useStore((s) => s.width);
  const canvasHeight = useStore((s) => s.height);
  const { present, scale } = useViewOptions().view;
  const laneCount = lanesFor(view.trace, DEFAULT_LAYOUT.lanes).length;
  const fitted = useMemo(
    () =>
      canvasWidth > 0
        ? fitLanes(laneCount, canvasWidth - 16, present ? presenterFit(scale, canvasHeight) : SCREEN_FIT)
        : UNMEASURED,
    [canvasWidth, canvasHeight, laneCount, present, scale],
  );
  const options = useMemo(
    (): LayoutOptions => ({
      ...DEFAULT_LAYOUT,
      laneGap: fitted.laneGap,
      marginX: fitted.marginX,
      rowHeight: present ? PRESENTER_ROW : DEFAULT_LAYOUT.rowHeight,
    }),
    [fitted.laneGap, fitted.marginX, present],
  );
  const layout = useMemo(() => layoutSequence(view.trace, options), [view.trace, options]);
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
  const nodes = useMemo(
    () => cache.nodes(layout, options, fitted.headerWidth),
    [cache, layout, options, fitted.headerWidth],
  );
  const lanes = useMemo(() => cache.lanes(layout.lanes), [cache, layout.lanes]);
  const edges = useMemo(
    () => cache.edges({ layout, options, selected, onSelect, marks, showCurrent: !recorded }),
    [cache, layout, options, selected, onSelect, marks, recorded],
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

  const current = layout.messages.at(-1);
  // With no message yet (a reset, another scenario, an attack chosen) the placeholder row is what
  // to show: the view returns to the diagram's start, whatever it showed before.
  // At the end of an attack run the message that matters is where the defence stopped it, or else
  // the last theft: that is kept in view rather than the end row.
  const marked = view.finished ? (marks.stop?.seq ?? [...marks.stolen].at(-1)) : undefined;
  const markedY = marked === undefined ? undefined : layout.messages.find((m) => m.seq === marked)?.y;
  const focusY = recorded
    ? null
    : (markedY ?? (view.finished || view.consent || !current ? layout.nextY : current.y));
  const anchor = view.finished && markedY === undefined ? 0.85 : 0.62;
  useFollowCurrent(layout, focusY, anchor, fitted.zoom);
  useRevealSelected(layout, selected, !recorded);

  // "Fit" puts the lanes back to the width at the readable zoom (not the whole run at once, whose
  // labels would be unreadable), the current message in view.
  const follow = useRef({ focusY, anchor, width: layout.width, zoom: fitted.zoom });
  useEffect(() => {
    follow.current = { focusY, anchor, width: layout.width, zoom: fitted.zoom };
  }, [focusY, anchor, layout.width, fitted.zoom]);
  const fit = useCallback(() => {
    const { width, height } = store.getState();
    const { focusY: y, anchor: at, width: diagram, zoom } = follow.current;
    void flow.setViewport({
      x: (width - diagram * zoom) / 2,
      y: Math.min(10, height * at - (y ?? 0) * zoom),
      zoom,
    });
  }, [flow, store]);

  const canvas = useMemo(
    () => (
      <ReactFlow
        ref={pane}
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
        maxZoom={present ? 6 : 1.6}
        defaultViewport={{ x: 0, y: 10, zoom: 0.8 }}
        translateExtent={initialExtent}
        aria-label="Sequence diagram"
      >
        <StickyLanes lanes={lanes} laneGap={options.laneGap} />
        <Controls showInteractive={false} showFitView={false} position="bottom-right">
          <ControlButton
            onClick={fit}
            className="react-flow__controls-fitview"
            title="Fit the lanes to the width"
            aria-label="Fit the lanes to the width"
          >
            <FitViewIcon />
          </ControlButton>
        </Controls>
      </ReactFlow>
    ),
    [nodes, lanes, options.laneGap, present, initialExtent, fit, pane],
  );

  return (
    <>
      {canvas}
      <MessageLayer
        body={{
          lanes: layout.lanes,
          top: options.headerHeight - 12,
          bottom: layout.height,
          nextY: layout.nextY,
          width: layout.width,
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
