/**
 * Runs a task against the lazily loaded core and follows it: running, done with its result, or
 * failed with a message. A new key starts a new task; the result of an old one is dropped.
 */
import { useEffect, useState } from 'react';
import { loadCore } from '../runtime/loadCore';
import type { Core } from '../runtime/loadCore';

export type TaskState<T> =
  { status: 'running' } | { status: 'done'; value: T } | { status: 'error'; message: string };

export function useCoreTask<T>(
  key: string,
  task: (core: Core, live: () => boolean) => Promise<T>,
): TaskState<T> {
  const [state, setState] = useState<{ key: string; state: TaskState<T> } | null>(null);
  useEffect(() => {
    let live = true;
    loadCore()
      .then((core) => task(core, () => live))
      .then(
        (value) => live && setState({ key, state: { status: 'done', value } }),
        (error: unknown) =>
          live &&
          setState({
            key,
            state: { status: 'error', message: error instanceof Error ? error.message : String(error) },
          }),
      );
    return () => {
      live = false;
    };
    // The key names the task: a new task is a new key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state?.key === key ? state.state : { status: 'running' };
}

/** Lets the browser paint between runs of a long task, so the page stays responsive. */
export function yieldToPaint(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
