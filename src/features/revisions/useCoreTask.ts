/**
 * Runs a task against the simulator core (reached through useCore, which loads it once for every
 * view) and follows it: running, done with its result, or failed with a message. A new key starts
 * a new task; the result of an old one is dropped.
 */
import { useEffect, useState } from 'react';
import type { Core } from '../../run/core/loadCore';
import { useCore } from '../../run/core/useCore';

export type TaskState<T> =
  { status: 'running' } | { status: 'done'; value: T } | { status: 'error'; message: string };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useCoreTask<T>(
  key: string,
  task: (core: Core, live: () => boolean) => Promise<T>,
): TaskState<T> {
  const { core, error } = useCore();
  const [state, setState] = useState<{ key: string; state: TaskState<T> } | null>(null);
  useEffect(() => {
    if (!core) return;
    let live = true;
    task(core, () => live).then(
      (value) => live && setState({ key, state: { status: 'done', value } }),
      (failure: unknown) =>
        live && setState({ key, state: { status: 'error', message: messageOf(failure) } }),
    );
    return () => {
      live = false;
    };
    // The key names the task: a new task is a new key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, core]);
  if (!core && error) return { status: 'error', message: messageOf(error) };
  return state?.key === key ? state.state : { status: 'running' };
}

/** Lets the browser paint between runs of a long task, so the page stays responsive. */
export function yieldToPaint(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
