/**
 * Loads the simulator core once, lazily (see core.ts for why), and keeps what came of it for the
 * views (useCore.ts): the core once it is here, or why it could not be loaded.
 */
export type Core = typeof import('./core');

/** What the views know of the core: null until it has loaded; `error` says why the last try failed. */
export interface CoreState {
  core: Core | null;
  error: string | null;
}

let pending: Promise<Core> | null = null;
let state: CoreState = { core: null, error: null };
const listeners = new Set<() => void>();

function settle(next: CoreState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function loadCore(): Promise<Core> {
  if (!pending) {
    pending = import('./core').then(
      (core) => {
        settle({ core, error: null });
        return core;
      },
      (error: unknown) => {
        // Let a later attempt (the error screen's Reset) try the network again.
        pending = null;
        settle({ core: null, error: error instanceof Error ? error.message : String(error) });
        throw error;
      },
    );
  }
  return pending;
}

/** Starts the download without waiting for it: called once the first paint is on screen. */
export function preloadCore(): void {
  void loadCore().catch(() => undefined);
}

/** The store contract of useSyncExternalStore: what the core's loading has come to, and its changes. */
export function coreState(): CoreState {
  return state;
}

export function subscribeCore(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
