/**
 * What the rest of the screen shows besides the diagram (the message list, the step's explanation,
 * the inspector, the screen-reader announcement): the run as of the last frame that drew a step. On
 * Next the diagram changes at once, and the rest follows just after the frame that draws the new
 * arrow, so that frame does not also build a list row, an inspector and their layout (the "Next →
 * new arrow painted < 16 ms" target). They are one frame apart, never a step apart. Anything that is
 * not a step (selecting a message, the consent prompt, the end of the run on the same message)
 * reaches them before the next paint.
 *
 * A small store rather than React context: a context whose value changes makes React search the
 * whole screen for its readers, on every step.
 */
import { createContext, useContext, useLayoutEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { TraceEvent } from '../../sim/trace/types';
import { afterNextPaint } from './afterNextPaint';
import { useView } from './hooks';
import { PlayerContext } from './PlayerContext';
import { selectedSeq } from './runView';
import { EMPTY_VIEW } from './types';
import type { View } from './types';

interface PanelSnapshot {
  view: View;
  selected: number | null;
}

class PanelStore {
  private listeners = new Set<() => void>();
  constructor(private shown: PanelSnapshot) {}
  get = (): PanelSnapshot => this.shown;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  set(next: PanelSnapshot): void {
    if (next.view === this.shown.view && next.selected === this.shown.selected) return;
    this.shown = next;
    for (const listener of this.listeners) listener();
  }
}

const PanelStoreContext = createContext<PanelStore | null>(null);

export function PanelViewProvider({ children }: { children: ReactNode }) {
  const view = useView();
  const selected = selectedSeq(
    PlayerContext.useSelector((s) => s.context.selected),
    view,
  );
  const [store] = useState(() => new PanelStore({ view, selected }));

  useLayoutEffect(() => {
    const shown = store.get();
    // Not a step: before this frame is painted.
    if (shown.view.trace.length === view.trace.length) {
      store.set({ view, selected });
      return undefined;
    }
    // A step: after the frame that draws its arrow. A newer change replaces a waiting one.
    return afterNextPaint(() => store.set({ view, selected }));
  }, [store, view, selected]);

  return <PanelStoreContext.Provider value={store}>{children}</PanelStoreContext.Provider>;
}

const NO_STORE = {
  get: () => null,
  subscribe: () => () => undefined,
};

/** The run as the panels show it; the live run where no PanelViewProvider is above. */
function usePanelSnapshot(): PanelSnapshot {
  const store = useContext(PanelStoreContext);
  const shown = useSyncExternalStore(store?.subscribe ?? NO_STORE.subscribe, store?.get ?? NO_STORE.get);
  const view = useView();
  const pinned = PlayerContext.useSelector((s) => s.context.selected);
  if (shown) return shown;
  return view === EMPTY_VIEW ? { view, selected: null } : { view, selected: selectedSeq(pinned, view) };
}

/**
 * True while the side panels have yet to show the latest step: the toolbar reports the player as
 * busy until then, so whoever waits for the player to settle (tests, the benchmark) sees the whole
 * screen's update.
 */
export function usePanelsPending(): boolean {
  const store = useContext(PanelStoreContext);
  const shownCount = useSyncExternalStore(
    store?.subscribe ?? NO_STORE.subscribe,
    () => store?.get().view.trace.length ?? null,
  );
  const count = useView().trace.length;
  return shownCount !== null && shownCount !== count;
}

export function usePanelView(): View {
  return usePanelSnapshot().view;
}

export function usePanelSelectedSeq(): number | null {
  return usePanelSnapshot().selected;
}

export function usePanelTrace(): readonly TraceEvent[] {
  return usePanelSnapshot().view.trace;
}

export function usePanelCurrentEvent(): TraceEvent | null {
  return usePanelSnapshot().view.trace.at(-1) ?? null;
}

export function usePanelOutcome(): View['outcome'] {
  return usePanelSnapshot().view.outcome;
}

export function usePanelSelectedEvent(): TraceEvent | null {
  const { view, selected } = usePanelSnapshot();
  return useMemo(
    () => (selected === null ? null : (view.trace.find((e) => e.seq === selected) ?? null)),
    [view.trace, selected],
  );
}
