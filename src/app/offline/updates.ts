/**
 * The offline worker's state for the page: whether a new build is waiting, and how to switch to it.
 * The worker (vite.config.ts, Workbox) precaches the whole build; the page registers it once it has
 * loaded and the browser is idle (its download of the build must not compete with the page's own),
 * outside the first-paint bundle, and only as the top-level page of a production build: an embed's
 * iframe belongs to the course page around it, and the dev server has no build to cache.
 */
import { useSyncExternalStore } from 'react';

export interface OfflineState {
  /** A new build is installed and waits for the learner's word (it never takes over unasked). */
  waiting: boolean;
  /** Every file is cached: the app now works with no network. */
  ready: boolean;
}

let state: OfflineState = { waiting: false, ready: false };
let activate: (() => Promise<void>) | null = null;
const listeners = new Set<() => void>();

function set(next: Partial<OfflineState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useOfflineState(): OfflineState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
}

/** Switches to the waiting build: its worker takes over and the page reloads on it, whole. */
export function reloadToUpdate(): void {
  void activate?.();
}

export function dismissUpdate(): void {
  set({ waiting: false });
}

export async function registerOffline(): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || window.top !== window) return;
  const { registerSW } = await import('virtual:pwa-register');
  const update = registerSW({
    // Registered after the first paint, when the load event may have passed already.
    immediate: true,
    onNeedRefresh: () => set({ waiting: true }),
    onOfflineReady: () => set({ ready: true }),
  });
  activate = () => update(true);
}

/** Registers the worker once the page has loaded and the browser is idle. */
export function registerOfflineWhenIdle(): void {
  const register = () => void registerOffline().catch(() => undefined);
  // requestIdleCallback is missing in Safari before 18: a timer there.
  const idle = () => {
    if (typeof window.requestIdleCallback === 'function')
      window.requestIdleCallback(register, { timeout: 5000 });
    else setTimeout(register, 2000);
  };
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}
