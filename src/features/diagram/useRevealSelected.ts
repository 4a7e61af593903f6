/**
 * Brings a selected message into view when it is off screen: the attack lab's "Show message N"
 * and the message list's arrow keys select messages the diagram may have scrolled past. The
 * newest message is left to useFollowCurrent, which keeps it in view as the flow grows.
 */
import { useEffect } from 'react';
import { useStore } from '@xyflow/react';
import type { SequenceLayout } from '../../run/trace/layout';
import { useViewportPlan } from './viewportPlan';

const MARGIN = 70;

export function useRevealSelected(
  layout: SequenceLayout,
  selected: number | null,
  /** The newest message is useFollowCurrent's, unless nothing follows it (a recording). */
  followed = true,
): void {
  const view = useViewportPlan();
  const height = useStore((s) => s.height);
  useEffect(() => {
    if (selected === null || !(height > 0) || (followed && selected === layout.messages.at(-1)?.seq)) return;
    const box = layout.messages.find((m) => m.seq === selected);
    if (!box) return;
    const { x, y, zoom } = view.where();
    const screenY = box.y * zoom + y;
    if (screenY >= MARGIN && screenY <= height - MARGIN) return;
    const reduced =
      typeof window.matchMedia === 'function' &&
      window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    view.go({ x, y: Math.min(10, height / 2 - box.y * zoom), zoom }, reduced ? 0 : 250);
  }, [selected, layout, height, view, followed]);
}
