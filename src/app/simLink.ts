/**
 * Where the simulator link points: the learner's last simulator URL, so leaving for a lesson
 * and coming back returns to the same step. A tiny external store, so only the links re-render
 * when it changes (it changes on every step).
 */
import { useSyncExternalStore } from 'react';

let current = '#/sim';
const listeners = new Set<() => void>();

export function setSimHref(hash: string): void {
  if (hash === current) return;
  current = hash;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSimHref(): string {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => current,
  );
}
