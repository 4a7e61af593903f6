/**
 * A module fetched on demand and rendered without Suspense. React 19 keeps a Suspense boundary's
 * content hidden for at least 300 ms after its fallback was shown (FALLBACK_THROTTLE_MS in
 * react-dom), so a chunk that arrives in 80 ms would still wait until 300 ms behind a placeholder:
 * on the simulator that throttle alone was a third of the time to an interactive diagram. Here the
 * placeholder is ordinary content and the module is rendered by a state update as soon as it
 * is here; a module fetched earlier (at start, on the learner's way there) renders at once, with no
 * placeholder.
 */
import { startTransition, useEffect, useState } from 'react';

export interface Deferred<T> {
  /** Starts the download (once; again after a failure) and resolves with the module. */
  load: () => Promise<T>;
  /** The module once it has arrived, else null. */
  current: () => T | null;
}

export function deferred<T>(loader: () => Promise<T>): Deferred<T> {
  let value: T | null = null;
  let pending: Promise<T> | null = null;
  const load = (): Promise<T> => {
    pending ??= loader().then(
      (module) => {
        value = module;
        return module;
      },
      (reason: unknown) => {
        // A later render (the error screen's Reset, another visit) may try the network again.
        pending = null;
        throw reason;
      },
    );
    return pending;
  };
  return {
    load,
    current: () => value,
  };
}

/**
 * The module, or null while it loads (the caller shows its placeholder). Asks for it on mount; a
 * failed download is thrown, for the nearest error boundary, as React.lazy would (a remount, the
 * boundary's Reset, tries again). The arrived module is rendered as a transition: React renders a
 * whole screen in slices then, between which the browser stays responsive, where an ordinary update
 * would render it in one long task.
 */
export function useDeferred<T>(module: Deferred<T>): T | null {
  const [value, setValue] = useState<T | null>(module.current);
  const [failed, setFailed] = useState<{ reason: unknown } | null>(null);
  useEffect(() => {
    if (value !== null) return;
    let live = true;
    module.load().then(
      (loaded) => live && startTransition(() => setValue(() => loaded)),
      (reason: unknown) => live && setFailed({ reason }),
    );
    return () => {
      live = false;
    };
  }, [module, value]);
  if (failed && value === null) {
    throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  }
  return value;
}
