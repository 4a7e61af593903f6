/**
 * Keeps the current arrow in view as the flow grows (as MCPJam Inspector's diagram does), without
 * taking the diagram away from the learner: it fits the lanes to the width once (and on resize),
 * and pans only vertically, only when the current arrow has left the visible band.
 */
import { useEffect, useRef } from 'react';
import { useStore } from '@xyflow/react';
import type { SequenceLayout } from '../../run/trace/layout';
import { useViewportPlan } from './viewportPlan';

/** A little air above the lane headers when scrolled to the top. */
const TOP = 10;

function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

/**
 * `focusY` is the row to keep in view; `anchor` is where in the height it lands when the view has
 * to move (lower once the run has ended, to show more of what led there). `zoom` is the zoom that
 * fits the lanes to the width (fit.ts): set whenever the width or the lanes change.
 */
export function useFollowCurrent(
  layout: SequenceLayout,
  focusY: number | null,
  anchor: number,
  zoom: number,
): void {
  const view = useViewportPlan();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  // What the current fit was made for: the container's width and the diagram's (an attack adds a lane).
  const fittedFor = useRef('');

  // Fit the lanes to the width whenever the available width changes.
  useEffect(() => {
    const key = `${width}:${layout.width}:${zoom}`;
    if (!(width > 0 && height > 0) || fittedFor.current === key) return;
    fittedFor.current = key;
    const x = (width - layout.width * zoom) / 2;
    const { y } = view.where();
    view.go({ x, y: Math.min(TOP, y), zoom }, 0);
  }, [width, height, layout.width, view, zoom]);

  // Follow the current arrow (or the placeholder row) when it leaves the visible band.
  useEffect(() => {
    if (focusY === null || !(width > 0 && height > 0)) return;
    const { x, y, zoom: now } = view.where();
    const screenY = focusY * now + y;
    // Clear of the pinned lane names (30 to 40 px) with the label above the arrow (25 units) too.
    const top = 50 + 30 * now;
    const bottom = height - 60;
    if (screenY >= top && screenY <= bottom) return;
    const nextY = Math.min(TOP, height * anchor - focusY * now);
    // Stepping moves the view a row or two: jump. An animated pan re-renders the whole flow on
    // every frame for its duration, which would slow the next step; keep it for long moves only.
    const long = Math.abs(nextY - y) > height / 2;
    view.go({ x, y: nextY, zoom: now }, long && !prefersReducedMotion() ? 250 : 0);
  }, [focusY, anchor, width, height, view]);
}
