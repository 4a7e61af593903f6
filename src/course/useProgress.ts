/**
 * The app-wide progress store (localStorage, checked against the loaded course content) and the
 * hook that re-renders a component when progress changes, in this tab or another one.
 */
import { useSyncExternalStore } from 'react';
import { LESSONS, QUESTIONS } from '../content/load';
import { createProgressStore, type Progress, type ProgressStorage, type ProgressStore } from './progress';

let defaultStore: ProgressStore | null = null;

function browserStorage(): ProgressStorage | null {
  try {
    // Reading window.localStorage itself throws where storage is blocked.
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function getProgressStore(): ProgressStore {
  defaultStore ??= createProgressStore({
    storage: browserStorage(),
    content: { lessons: LESSONS, questions: QUESTIONS },
  });
  return defaultStore;
}

export function useProgress(store: ProgressStore): Progress {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
