/** Loads the simulator core once, lazily (see core.ts for why). */
export type Core = typeof import('./core');

let pending: Promise<Core> | null = null;

export function loadCore(): Promise<Core> {
  if (!pending) {
    pending = import('./core').catch((error: unknown) => {
      // Let a later attempt (the error screen's Reset) try the network again.
      pending = null;
      throw error;
    });
  }
  return pending;
}

/** Starts the download without waiting for it: called once the first paint is on screen. */
export function preloadCore(): void {
  void loadCore().catch(() => undefined);
}
