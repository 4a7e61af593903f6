/**
 * The way back from a lesson's "Try it" link: which lesson the learner left for the simulator,
 * where they were in it, and which link they followed. The simulator offers a link back while it
 * is known; the lesson, when the learner returns (Back, or that link), is shown where it was left,
 * with focus on the link they followed, instead of at its top (issue 16).
 *
 * Kept in sessionStorage (this tab only, and gone with it); a browser that refuses storage simply
 * has no way back, never an error.
 */
import { useSyncExternalStore } from 'react';

export interface LessonReturn {
  lessonId: string;
  title: string;
  /** The lesson page's scroll position when the learner left, in px. */
  scroll: number;
  /** The href of the "Try it" link followed, to give focus back to it. */
  href: string;
  /** True from leaving until the lesson has been shown again where it was. */
  pending: boolean;
}

const KEY = 'mcp-sim:lesson-return';
const listeners = new Set<() => void>();
let cached: { raw: string | null; value: LessonReturn | null } = { raw: null, value: null };

function isLessonReturn(value: unknown): value is LessonReturn {
  return (
    typeof value === 'object' &&
    value !== null &&
    'lessonId' in value &&
    typeof value.lessonId === 'string' &&
    'title' in value &&
    typeof value.title === 'string' &&
    'scroll' in value &&
    typeof value.scroll === 'number' &&
    'href' in value &&
    typeof value.href === 'string' &&
    'pending' in value &&
    typeof value.pending === 'boolean'
  );
}

function read(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** The way back, if any (the same object while the stored value has not changed). */
export function lessonReturn(): LessonReturn | null {
  const raw = read();
  if (raw === cached.raw) return cached.value;
  let value: LessonReturn | null = null;
  try {
    const parsed: unknown = raw === null ? null : JSON.parse(raw);
    value = isLessonReturn(parsed) ? parsed : null;
  } catch {
    value = null;
  }
  cached = { raw, value };
  return value;
}

export function saveLessonReturn(value: LessonReturn): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(value));
  } catch {
    // Storage refused (private mode, quota): there is simply no way back.
  }
  for (const listener of listeners) listener();
}

/** Marks the way back as taken (the lesson is about to be shown again) or done with. */
export function setReturnPending(pending: boolean): void {
  const current = lessonReturn();
  if (current && current.pending !== pending) saveLessonReturn({ ...current, pending });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLessonReturn(): LessonReturn | null {
  return useSyncExternalStore(subscribe, lessonReturn, () => null);
}
