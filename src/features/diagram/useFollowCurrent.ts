/**
 * Keeps the current arrow in view as the flow grows (as MCPJam Inspector's diagram does), without
 * taking the diagram away from the learner: it fits the lanes to the width once (and on resize),
 * and pans only vertically, only when the current arrow has left the visible band.
 */
import { useEffect, useRef } from 'react';
import { useReactFlow, useStore } from '@xyflow/react';
import type { SequenceLayout } from '../../run/trace/layout';

const MIN_ZOOM = 0.45;
/** A little air above the lane headers when scrolled to the top. */
const TOP = 10;
const MAX_ZOOM = 1.15;
/** Presenter mode lets the lanes grow until they fill the width: labels readable from the back row. */
const PRESENTER_MAX_ZOOM = 3;

function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

/**
 * `focusY` is the row to keep in view; `anchor` is where in the height it lands when the view has
 * to move (lower once the run has ended, to show more of what led there). `presenterScale` (presenter
 * mode only) multiplies the fit-to-width zoom, without the normal layout's cap.
 */
export function useFollowCurrent(
  layout: SequenceLayout,
  focusY: number | null,
  anchor = 0.62,
  presenterScale: number | null = null,
): void {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  // What the current fit was made for: the container's width and the diagram's (an attack adds a lane).
  const fittedFor = useRef('');

  // Fit the lanes to the width whenever the available width changes.
  useEffect(() => {
    const key = `${width}:${layout.width}:${presenterScale}`;
    if (!(width > 0 && height > 0) || fittedFor.current === key) return;
    fittedFor.current = key;
    const fit = (width - 16) / layout.width;
    const zoom =
      presenterScale === null
        ? Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, fit))
        : Math.min(PRESENTER_MAX_ZOOM, Math.max(MIN_ZOOM, fit * presenterScale));
    const x = (width - layout.width * zoom) / 2;
    const { y } = flow.getViewport();
    void flow.setViewport({ x, y: Math.min(TOP, y), zoom });
  }, [width, height, layout.width, flow, presenterScale]);

  // Follow the current arrow (or the placeholder row) when it leaves the visible band.
  useEffect(() => {
    if (focusY === null || !(width > 0 && height > 0)) return;
    const { x, y, zoom } = flow.getViewport();
    const screenY = focusY * zoom + y;
    const top = 70;
    const bottom = height - 70;
    if (screenY >= top && screenY <= bottom) return;
    const nextY = Math.min(TOP, height * anchor - focusY * zoom);
    // Stepping moves the view a row or two: jump. An animated pan re-renders the whole flow on
    // every frame for its duration, which would slow the next step; keep it for long moves only.
    const long = Math.abs(nextY - y) > height / 2;
    void flow.setViewport({ x, y: nextY, zoom }, { duration: long && !prefersReducedMotion() ? 250 : 0 });
  }, [focusY, anchor, width, height, flow]);
}
