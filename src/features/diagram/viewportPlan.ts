/**
 * Where the diagram's view is headed. An animated move (a long pan, 250 ms) sets React Flow's
 * viewport frame by frame; a hook that read the viewport in the middle of one and set it from there
 * (another follow, a refit, a reveal) froze the view between the two places, zoom included: End
 * then Home at once left the canvas scrolled to the end, or half zoomed out (issue 16, bug 1). Every
 * move the diagram makes on its own goes through `go`, and `where` answers with the move's end
 * while it is under way; after it, with the viewport itself (the learner may have panned).
 */
import { useMemo } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import type { Viewport } from '@xyflow/react';

const plans = new WeakMap<object, { viewport: Viewport; until: number }>();

export function useViewportPlan(): {
  where: () => Viewport;
  go: (viewport: Viewport, duration: number) => void;
} {
  const flow = useReactFlow();
  const store = useStoreApi();
  return useMemo(
    () => ({
      where: () => {
        const plan = plans.get(store);
        return plan && performance.now() < plan.until ? plan.viewport : flow.getViewport();
      },
      go: (viewport, duration) => {
        plans.set(store, { viewport, until: performance.now() + duration });
        void flow.setViewport(viewport, { duration });
      },
    }),
    [flow, store],
  );
}
