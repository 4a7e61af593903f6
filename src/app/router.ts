/**
 * A tiny hash router: `#/sim?…` (the simulator), `#/lessons/<id>`, `#/quiz`. Hash routes work
 * from any static host and sub-path without server rewrites (vite.config's `base: './'`).
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'sim'; query: string }
  | { name: 'lessons'; id: string | null }
  | { name: 'quiz'; id: string | null }
  | { name: 'presenter-notes'; query: string }
  | { name: 'not-found'; path: string };

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = (q === -1 ? raw : raw.slice(0, q)).replace(/\/+$/, '');
  const query = q === -1 ? '' : raw.slice(q + 1);
  if (path === '' || path === '/sim') return { name: 'sim', query };
  if (path === '/presenter-notes') return { name: 'presenter-notes', query };
  for (const name of ['lessons', 'quiz'] as const) {
    if (path === `/${name}`) return { name, id: null };
    if (path.startsWith(`/${name}/`)) {
      const id = decodeSegment(path.slice(name.length + 2));
      return id === null ? { name: 'not-found', path } : { name, id };
    }
  }
  return { name: 'not-found', path };
}

function decodeSegment(segment: string): string | null {
  try {
    const id = decodeURIComponent(segment);
    return id && !id.includes('/') ? id : null;
  } catch {
    return null;
  }
}

/** Goes to a route, with a history entry (the learner's Back button returns). */
export function navigate(hash: string): void {
  window.location.hash = hash;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHash(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => '',
  );
}

/** Goes to a hash with a history entry but no hashchange event (the app already shows it). */
export function pushHash(hash: string): void {
  if (window.location.hash === hash) return;
  window.history.pushState(
    window.history.state,
    '',
    `${window.location.pathname}${window.location.search}${hash}`,
  );
}

/** The query part of a hash (`#/sim?a=1` → `a=1`). */
export function hashQuery(hash: string): string {
  const q = hash.indexOf('?');
  return q === -1 ? '' : hash.slice(q + 1);
}

/** Rewrites the hash without a history entry or a hashchange event (the learner's Back button stays useful). */
export function replaceHash(hash: string): void {
  if (window.location.hash === hash) return;
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}${window.location.search}${hash}`,
  );
}
