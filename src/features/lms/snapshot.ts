/**
 * The SCO's share of the learner's progress, as the platform keeps it for a resume (SCORM
 * `suspend_data`, a cmi5 state document): the lessons read and each quiz's best attempt, in a compact
 * JSON that fits SCORM 1.2's 4,096 characters for the whole course (a test checks the worst case).
 * A question id `<quiz>-<n>` is kept as `<n>` within its own quiz; correct answers as a string of
 * 0s and 1s in the order asked.
 *
 * On a resume it goes back into the app's one progress store (never a second store): a lesson the
 * store does not have is marked read, and a quiz attempt better than the store's is recorded, so a
 * learner on another browser (or with cleared storage) finds what the platform remembers.
 */
import type { ProgressStore, StoredProgress } from '../../course/progress';
import { PROGRESS_VERSION } from '../../course/progress';
import type { Scope } from './scope';
import { isRecord } from '../../sim/fields';

export const SNAPSHOT_VERSION = 1;

export interface Snapshot {
  lessons: string[];
  quizzes: Record<string, { asked: string[]; correct: string[] }>;
}

interface Encoded {
  v: typeof SNAPSHOT_VERSION;
  l: string[];
  q: Record<string, [string[], string]>;
}

const short = (quiz: string, id: string): string =>
  id.startsWith(`${quiz}-`) ? id.slice(quiz.length + 1) : id;
const long = (quiz: string, id: string): string => (/^\d+$/.test(id) ? `${quiz}-${id}` : id);

export function takeSnapshot(scope: Scope, progress: StoredProgress): Snapshot {
  const quizzes: Snapshot['quizzes'] = {};
  for (const quiz of scope.quizzes) {
    const best = progress.quizzes[quiz]?.best;
    if (best) quizzes[quiz] = { asked: [...best.asked], correct: [...best.correct] };
  }
  return { lessons: scope.lessons.filter((id) => progress.lessons[id] !== undefined), quizzes };
}

export function encodeSnapshot(snapshot: Snapshot): string {
  const q: Encoded['q'] = {};
  for (const [quiz, { asked, correct }] of Object.entries(snapshot.quizzes)) {
    const right = new Set(correct);
    q[quiz] = [asked.map((id) => short(quiz, id)), asked.map((id) => (right.has(id) ? '1' : '0')).join('')];
  }
  const encoded: Encoded = { v: SNAPSHOT_VERSION, l: snapshot.lessons, q };
  return JSON.stringify(encoded);
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Reads what encodeSnapshot wrote; anything else (empty, another tool's data, a cut-off value) is null. */
export function decodeSnapshot(raw: string): Snapshot | null {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(data) || data.v !== SNAPSHOT_VERSION || !isStrings(data.l) || !isRecord(data.q)) return null;
  const quizzes: Snapshot['quizzes'] = {};
  for (const [quiz, entry] of Object.entries(data.q)) {
    const list: unknown = entry;
    if (!Array.isArray(list) || list.length !== 2) continue;
    const ids: unknown = list[0];
    const bits: unknown = list[1];
    if (!isStrings(ids) || typeof bits !== 'string' || bits.length !== ids.length) continue;
    const asked = ids.map((id) => long(quiz, id));
    quizzes[quiz] = { asked, correct: asked.filter((_, i) => bits[i] === '1') };
  }
  return { lessons: data.l, quizzes };
}

/** Puts what the platform remembers back into the progress store, where the store knows less. */
export function restoreSnapshot(store: ProgressStore, scope: Scope, snapshot: Snapshot): void {
  for (const lesson of snapshot.lessons) if (scope.lessons.includes(lesson)) store.markLessonRead(lesson);
  for (const [quiz, kept] of Object.entries(snapshot.quizzes)) {
    if (!scope.quizzes.includes(quiz) || kept.asked.length === 0) continue;
    const best = store.get().quizzes[quiz]?.best;
    const ratio = kept.correct.length / kept.asked.length;
    if (best && best.asked.length > 0 && best.correct.length / best.asked.length >= ratio) continue;
    store.recordAttempt(quiz, kept.asked, kept.correct);
  }
}

const ratioOf = (quiz: { asked: string[]; correct: string[] }): number =>
  quiz.asked.length === 0 ? 0 : quiz.correct.length / quiz.asked.length;

/**
 * What the platform has been told, joined with the store's progress: lessons read in either, and the
 * better attempt of each quiz. The SCO reports from this, so its record never goes back (a learner who
 * resets progress in the app, or clears the browser's storage, keeps what the LMS already holds).
 */
export function joinSnapshot(scope: Scope, told: Snapshot, progress: StoredProgress): Snapshot {
  const now = takeSnapshot(scope, progress);
  const quizzes: Snapshot['quizzes'] = { ...told.quizzes };
  for (const [quiz, attempt] of Object.entries(now.quizzes)) {
    const before = quizzes[quiz];
    if (!before || ratioOf(attempt) > ratioOf(before)) quizzes[quiz] = attempt;
  }
  return {
    lessons: scope.lessons.filter((id) => told.lessons.includes(id) || now.lessons.includes(id)),
    quizzes,
  };
}

/** A snapshot read as progress (the scope's state is computed from it as from the store). */
export function snapshotProgress(snapshot: Snapshot): StoredProgress {
  const lessons: StoredProgress['lessons'] = {};
  for (const id of snapshot.lessons) lessons[id] = { readAt: 0 };
  const quizzes: StoredProgress['quizzes'] = {};
  for (const [quiz, best] of Object.entries(snapshot.quizzes))
    quizzes[quiz] = { attempts: 1, best: { ...best, at: 0 } };
  return { version: PROGRESS_VERSION, fingerprint: '', lessons, quizzes };
}

export const EMPTY_SNAPSHOT: Snapshot = { lessons: [], quizzes: {} };
