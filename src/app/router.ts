/**
 * A tiny hash router: `#/sim?…` (the simulator), `#/lessons/<id>`, `#/quiz`, `#/quiz/<id>?q=<question
 * id>` (a quiz opened at one question), `#/har` (your own flow, from a HAR; `?url=` a same-origin one),
 * `#/practice` and `#/practice/<seed>` (drills), `#/progress`, `#/review` (the daily review). Hash routes work from any static host and sub-path without
 * server rewrites (vite.config's `base: './'`).
 */
import { useSyncExternalStore } from 'react';
import type { QuestionAddress } from '../course/questionLinks';

export type Route =
  | { name: 'sim'; query: string }
  | { name: 'lessons'; id: string | null }
  /** `question`: the `q` of `#/quiz/<id>?q=<question id>`, a question's stable id (never an index). */
  | { name: 'quiz'; id: string | null; question: string | null }
  | { name: 'presenter-notes'; query: string }
  /** `url`: the `url` of `#/har?url=<same-origin URL>`, a HAR to open on arrival. */
  | { name: 'har'; url: string | null }
  /** `#/revisions?view=…`: the spec time machine (features/revisions/params.ts reads the query). */
  | { name: 'revisions'; query: string }
  /** `seed`: the drill of `#/practice/<seed>`; null for the list of drills. */
  | { name: 'practice'; seed: string | null }
  | { name: 'progress' }
  | { name: 'review' }
  | { name: 'not-found'; path: string };

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = (q === -1 ? raw : raw.slice(0, q)).replace(/\/+$/, '');
  const query = q === -1 ? '' : raw.slice(q + 1);
  if (path === '' || path === '/sim') return { name: 'sim', query };
  if (path === '/presenter-notes') return { name: 'presenter-notes', query };
  if (path === '/revisions') return { name: 'revisions', query };
  if (path === '/har') return { name: 'har', url: new URLSearchParams(query).get('url') || null };
  if (path === '/lessons') return { name: 'lessons', id: null };
  if (path === '/quiz') return { name: 'quiz', id: null, question: null };
  if (path === '/practice') return { name: 'practice', seed: null };
  if (path === '/progress') return { name: 'progress' };
  if (path === '/review') return { name: 'review' };
  if (path.startsWith('/practice/')) {
    const seed = decodeSegment(path.slice('/practice/'.length));
    return seed === null ? { name: 'not-found', path } : { name: 'practice', seed };
  }
  for (const name of ['lessons', 'quiz'] as const) {
    if (!path.startsWith(`/${name}/`)) continue;
    const id = decodeSegment(path.slice(name.length + 2));
    if (id === null) return { name: 'not-found', path };
    return name === 'lessons' ? { name, id } : { name, id, question: questionParam(query) };
  }
  return { name: 'not-found', path };
}

/** The `q` parameter of a quiz address, or null when it is absent or empty. */
function questionParam(query: string): string | null {
  return new URLSearchParams(query).get('q') || null;
}

function decodeSegment(segment: string): string | null {
  try {
    const id = decodeURIComponent(segment);
    return id && !id.includes('/') ? id : null;
  } catch {
    return null;
  }
}

/**
 * Who reads the address (useHash). The browser's hashchange comes a task after the address changed;
 * an in-app navigation tells them at once, so what it changes renders in the very event that asked
 * for it. Otherwise React puts a controlled radio button or select back to its old value until then
 * (a flicker a person sees and a test catches: the time machine's choices are addresses).
 */
const readers = new Set<() => void>();

/** Goes to a route, with a history entry (the learner's Back button returns). */
export function navigate(hash: string): void {
  window.location.hash = hash;
  for (const reader of readers) reader();
}

function subscribe(onChange: () => void): () => void {
  readers.add(onChange);
  window.addEventListener('hashchange', onChange);
  return () => {
    readers.delete(onChange);
    window.removeEventListener('hashchange', onChange);
  };
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

/** `hash` with the query parameter `key` set to `value` (removed for null), every other one kept. */
export function withHashParam(hash: string, key: string, value: string | null): string {
  const q = hash.indexOf('?');
  const params = new URLSearchParams(q === -1 ? '' : hash.slice(q + 1));
  if (params.get(key) === value) return hash;
  if (value === null) params.delete(key);
  else params.set(key, value);
  const path = q === -1 ? hash : hash.slice(0, q);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/**
 * The quiz's side of the address: `#/quiz/<id>?q=<question id>`. History policy, the simulator's
 * (SimRoute): moving between the questions of a quiz replaces the current entry, as stepping does,
 * so Back leaves the quiz (to the lesson or index it was opened from) instead of walking back
 * through every question, and Forward returns to the question the learner was on. Going to
 * another page is a link and pushes as usual. The other parameters (the embedding switches) stay.
 */
export const quizAddress: QuestionAddress = {
  read() {
    const route = parseHash(window.location.hash);
    return route.name === 'quiz' && route.id !== null ? { quiz: route.id, question: route.question } : null;
  },
  write(quiz, questionId) {
    const now = window.location.hash;
    const route = parseHash(now);
    if (route.name !== 'quiz' || route.id !== quiz) return;
    replaceHash(withHashParam(now, 'q', questionId));
  },
  subscribe,
};
