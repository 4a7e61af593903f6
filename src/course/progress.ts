/**
 * The learner's progress (lessons read, best quiz results; and, since version 2, evidence per rule,
 * the review queue, drills and prediction totals: learning.ts), kept in localStorage under one
 * versioned key. What is stored is only ever trusted after checking it, and never overwritten
 * unless it was read in full: a value this version cannot read whole (corrupted JSON, a version it
 * does not know, such as one a newer version wrote in another tab, entries it cannot use) is first
 * copied, unchanged, to a key of its own (`<key>.set-aside.<time>`), and what could be read of it is
 * kept (migrated) in the new value. The learner is told, until they acknowledge it. Without storage
 * (private mode, a blocked or full quota) progress lives in memory for the page, and the learner is
 * told that it is not saved.
 *
 * Pure TypeScript, no React: the store follows the external-store contract of useSyncExternalStore.
 */
import type { VulnerabilityId } from '../sim/attacks/vulnerabilities';
import type { AttackId } from '../sim/attacks/ids';
import type { RuleParty } from '../sim/parties';
import type { RuleId } from '../sim/rules';
import type { RegistrationMode, ScenarioId } from '../sim/scenarios';
import type { Phase } from '../sim/steps';
import { addEvidence, decodeLearning, mergeLearning, withDrill } from './learningData';
import type { DrillRecord, LearningData } from './learningData';
import { afterAnswer } from './review';
import { isRecord } from '../sim/fields';

/** A learner's answer to one question: the answer chosen (by its authored index), or the items' order. */
export type Answer = { kind: 'choice'; chosen: number } | { kind: 'order'; arrangement: number[] };

export const PROGRESS_KEY = 'mcp-sim.progress.v1';
/**
 * 2 added the learning sections. Version 1 is read as it is (it is version 2 without them) and
 * saved as 2; a version-1 app in another tab then sets a version-2 value aside rather than dropping
 * the sections it does not know when it saves.
 */
export const PROGRESS_VERSION = 2;
/** Older versions this one reads in full. */
const READS_IN_FULL: readonly number[] = [1, PROGRESS_VERSION];
/** The share of correct answers that passes a quiz. */
export const PASS_RATIO = 0.8;
/** The quiz key of the final exam; lesson quizzes use their lesson id. */
export const EXAM_KEY = 'exam';

export interface QuizBest {
  /** The ids of the questions in the attempt, and of those answered correctly. */
  asked: string[];
  correct: string[];
  /** Epoch milliseconds. */
  at: number;
}

export interface QuizRecord {
  attempts: number;
  best: QuizBest | null;
}

/** Why a stored value could not be read in full. */
export type ProgressNotice =
  'corrupt' | 'newer-version' | 'unknown-version' | 'content-changed' | 'partly-read';

/** A stored value this version could not read in full, copied unchanged to `key` before it was replaced. */
export interface SetAside {
  key: string;
  reason: ProgressNotice;
  at: number;
}

export interface StoredProgress extends LearningData {
  version: typeof PROGRESS_VERSION;
  /** Identifies the course content the ids below refer to (see contentFingerprint). */
  fingerprint: string;
  lessons: Record<string, { readAt: number }>;
  quizzes: Record<string, QuizRecord>;
  /** Values set aside that the learner has not acknowledged yet (so a reload still tells them). */
  setAside?: SetAside[];
}

/** Why progress is not being saved: storage is full, or the browser does not let the page store data. */
export type SaveProblem = 'full' | 'blocked';

export interface Progress extends StoredProgress {
  /** What is wrong with the stored value: still there (`pending`), or already set aside (`setAside`). */
  notice: { reason: ProgressNotice; pending: boolean; key: string | null } | null;
  /** Set once a save failed: progress from then on lives in memory only, for this page. */
  unsaved: SaveProblem | null;
}

/** The run a progress event is about: choices and a seed, never a value from the run. */
export interface RunChoice {
  scenario: ScenarioId;
  registration: RegistrationMode;
  seed: string;
  attack: { id: AttackId; defence: 'on' | 'off' } | null;
}

export type ProgressEvent =
  | { type: 'lesson-completed'; lessonId: string }
  | {
      type: 'quiz-answered';
      quiz: string;
      questionId: string;
      correct: boolean;
      /** What the learner answered, and how long after the question was shown (for a learning platform's record). */
      answer: Answer;
      latencyMs: number;
    }
  | { type: 'quiz-scored'; quiz: string; correct: number; total: number; passed: boolean }
  | {
      type: 'prediction-scored';
      run: RunChoice;
      /** Predictions answered right, of those answered; skipped ones are counted apart. */
      correct: number;
      total: number;
      skipped: number;
      phases: { phase: Phase; correct: number; total: number }[];
    }
  | {
      type: 'drill-completed';
      /** The drill's seed: its address is #/practice/<drill>. */
      drill: string;
      fault: VulnerabilityId;
      party: RuleParty;
      rule: RuleId;
      /** Named right before the answer was revealed. */
      solved: boolean;
      hints: number;
      attempts: number;
    };

export type OnProgress = (event: ProgressEvent) => void;

export interface KnownContent {
  lessons: readonly { id: string }[];
  questions: readonly { id: string; lesson: string }[];
}

export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What importing a progress file did, or why it could not. */
export type ImportResult = { ok: true; partly: boolean } | { ok: false; message: string };

export interface ProgressStore {
  // These two are function properties, not methods: they use no `this`, so useSyncExternalStore
  // may call them detached from the store.
  /** The current progress; the same object until something changes. */
  get: () => Progress;
  subscribe: (listener: () => void) => () => void;
  /** Marks a lesson read; returns false if it already was. */
  markLessonRead(lessonId: string): boolean;
  /** Records a finished attempt and returns the quiz's record afterwards. */
  recordAttempt(quiz: string, asked: readonly string[], correct: readonly string[]): QuizRecord;
  /** One checked quiz answer (a quiz or a review): evidence for its rules, and the review queue. */
  recordAnswer(questionId: string, correct: boolean, rules: readonly RuleId[]): void;
  /** One answered prediction: evidence for the rules of the message it was about. */
  recordPrediction(rules: readonly RuleId[], correct: boolean): void;
  /** A drill's result so far (kept per seed), and once it ends, evidence for its rule. */
  recordDrill(seed: string, record: Omit<DrillRecord, 'at'>, rule: RuleId | null): void;
  /** The stored progress as a file's text (the learner changing computers). */
  exportText(): string;
  /** Merges a file exported before into this browser's progress; nothing here is lost. */
  importText(text: string): ImportResult;
  /** Forgets everything. */
  reset(): void;
  /** The learner has read the notice: sets aside what is unread, rewrites what was read, clears it. */
  acknowledge(): void;
}

/** A short, stable hash (cyrb53) of the content's lesson and question ids. */
export function contentFingerprint(content: KnownContent): string {
  const text = [
    ...content.lessons.map((lesson) => `l:${lesson.id}`).sort(),
    ...content.questions.map((question) => `q:${question.id}`).sort(),
  ].join('\n');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export const SET_ASIDE_PREFIX = `${PROGRESS_KEY}.set-aside.`;

export function emptyProgress(fingerprint: string): StoredProgress {
  return { version: PROGRESS_VERSION, fingerprint, lessons: {}, quizzes: {} };
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function stringList(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? [...new Set(value)] : null;
}

interface Known {
  lessons: ReadonlySet<string>;
  questions: ReadonlySet<string>;
  fingerprint: string;
}

/** A quiz record with every unknown question id left out; null if nothing usable remains. */
function cleanQuiz(value: unknown, known: Known): { record: QuizRecord; dropped: boolean } | null {
  if (!isRecord(value)) return null;
  const attempts =
    typeof value.attempts === 'number' && Number.isInteger(value.attempts) ? value.attempts : 0;
  let best: QuizBest | null = null;
  let dropped = false;
  if (isRecord(value.best)) {
    const asked = stringList(value.best.asked);
    const correct = stringList(value.best.correct);
    if (asked && correct && isTime(value.best.at)) {
      const keptAsked = asked.filter((id) => known.questions.has(id));
      const askedSet = new Set(keptAsked);
      const keptCorrect = correct.filter((id) => askedSet.has(id));
      dropped = keptAsked.length !== asked.length || keptCorrect.length !== correct.length;
      if (keptAsked.length > 0) best = { asked: keptAsked, correct: keptCorrect, at: value.best.at };
    } else {
      dropped = true;
    }
  }
  return { record: { attempts: Math.max(attempts, best ? 1 : 0), best }, dropped };
}

const REASONS: readonly ProgressNotice[] = [
  'corrupt',
  'newer-version',
  'unknown-version',
  'content-changed',
  'partly-read',
];

function readSetAside(value: unknown): SetAside[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (!isRecord(entry) || !isTime(entry.at) || typeof entry.key !== 'string') return [];
    const reason = REASONS.find((known) => known === entry.reason);
    return reason && entry.key.startsWith(SET_ASIDE_PREFIX) ? [{ key: entry.key, reason, at: entry.at }] : [];
  });
}

/** What a stored value holds, and whether this version read all of it. */
export interface Decoded {
  data: StoredProgress;
  /** Why the value was not read in full; null when it was (or there was none). */
  unread: ProgressNotice | null;
}

/** The lessons and quiz results in a parsed value: every entry checked, unknown ids dropped. */
function readEntries(data: Record<string, unknown>, known: Known) {
  let dropped = false;
  const lessons: StoredProgress['lessons'] = {};
  if (isRecord(data.lessons)) {
    for (const [id, entry] of Object.entries(data.lessons)) {
      if (known.lessons.has(id) && isRecord(entry) && isTime(entry.readAt))
        lessons[id] = { readAt: entry.readAt };
      else dropped = true;
    }
  } else if (data.lessons !== undefined) dropped = true;
  const quizzes: StoredProgress['quizzes'] = {};
  if (isRecord(data.quizzes)) {
    for (const [key, entry] of Object.entries(data.quizzes)) {
      const cleaned = key === EXAM_KEY || known.lessons.has(key) ? cleanQuiz(entry, known) : null;
      if (cleaned) quizzes[key] = cleaned.record;
      if (!cleaned || cleaned.dropped) dropped = true;
    }
  } else if (data.quizzes !== undefined) dropped = true;
  return { lessons, quizzes, dropped };
}

/**
 * Reads a stored value: never throws. What this version cannot read is reported in `unread` (the
 * store then sets the value aside before replacing it); what it can read is kept, from a value of
 * another version too, since lessons and quiz results keep their shape (migrate what can be).
 */
export function decodeProgress(raw: string | null, known: Known): Decoded {
  const empty = emptyProgress(known.fingerprint);
  if (raw === null) return { data: empty, unread: null };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { data: empty, unread: 'corrupt' };
  }
  if (!isRecord(data)) return { data: empty, unread: 'corrupt' };
  const entries = readEntries(data, known);
  const learning = decodeLearning(data, known.questions);
  const { lessons, quizzes } = entries;
  const dropped = entries.dropped || learning.dropped;
  const setAside = readSetAside(data.setAside);
  const read: StoredProgress = {
    version: PROGRESS_VERSION,
    fingerprint: known.fingerprint,
    lessons,
    quizzes,
    ...learning.value,
    ...(setAside.length > 0 ? { setAside } : {}),
  };
  if (typeof data.version !== 'number' || !READS_IN_FULL.includes(data.version)) {
    const newer = typeof data.version === 'number' && data.version > PROGRESS_VERSION;
    return { data: read, unread: newer ? 'newer-version' : 'unknown-version' };
  }
  if (!dropped) return { data: read, unread: null };
  return { data: read, unread: data.fingerprint === known.fingerprint ? 'partly-read' : 'content-changed' };
}

/** The score of a quiz's best attempt, or null if it was never finished. */
export function bestScore(progress: StoredProgress, quiz: string): { correct: number; total: number } | null {
  const best = progress.quizzes[quiz]?.best;
  return best ? { correct: best.correct.length, total: best.asked.length } : null;
}

export function isPassing(correct: number, total: number): boolean {
  return total > 0 && correct / total >= PASS_RATIO;
}

export function quizPassed(progress: StoredProgress, quiz: string): boolean {
  const score = bestScore(progress, quiz);
  return score !== null && isPassing(score.correct, score.total);
}

export type LessonStatus = 'not-started' | 'read' | 'quiz-passed';

export function lessonStatus(progress: StoredProgress, lessonId: string): LessonStatus {
  if (quizPassed(progress, lessonId)) return 'quiz-passed';
  return progress.lessons[lessonId] ? 'read' : 'not-started';
}

/** The learning sections of a stored value, without the rest. */
function learningOf(data: StoredProgress): LearningData {
  const { rules, reviews, drills, predictions } = data;
  return {
    ...(rules ? { rules } : {}),
    ...(reviews ? { reviews } : {}),
    ...(drills ? { drills } : {}),
    ...(predictions ? { predictions } : {}),
  };
}

/** Two quiz records merged: every attempt counted once per copy, the better best kept. */
function mergeQuiz(a: QuizRecord | undefined, b: QuizRecord): QuizRecord {
  if (!a) return b;
  const best =
    a.best === null ? b.best : b.best === null ? a.best : ratio(b.best) > ratio(a.best) ? b.best : a.best;
  return { attempts: Math.max(a.attempts, b.attempts), best };
}

function ratio(best: QuizBest): number {
  return best.asked.length === 0 ? 0 : best.correct.length / best.asked.length;
}

interface StoreOptions {
  /** Where to keep progress; null (or a storage that throws) keeps it in memory. */
  storage: ProgressStorage | null;
  content: KnownContent;
  now?: () => number;
}

function saveProblem(error: unknown): SaveProblem {
  // Browsers name a full quota differently (Firefox's legacy name; code 22 in old WebKit).
  const full =
    error instanceof DOMException &&
    (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED' || error.code === 22);
  return full ? 'full' : 'blocked';
}

function noticeOf(decoded: Decoded): Progress['notice'] {
  if (decoded.unread) return { reason: decoded.unread, pending: true, key: null };
  const last = decoded.data.setAside?.at(-1);
  return last ? { reason: last.reason, pending: false, key: last.key } : null;
}

export function createProgressStore({ storage, content, now = Date.now }: StoreOptions): ProgressStore {
  const known: Known = {
    lessons: new Set(content.lessons.map((lesson) => lesson.id)),
    questions: new Set(content.questions.map((question) => question.id)),
    fingerprint: contentFingerprint(content),
  };
  // Once a read or a write fails, memory holds the progress for the rest of the page.
  let memory: string | null = null;
  let unsaved: SaveProblem | null = null;
  let cache: { raw: string | null; decoded: Decoded; value: Progress } | null = null;
  const listeners = new Set<() => void>();

  const goToMemory = (problem: SaveProblem, raw: string | null): void => {
    unsaved = problem;
    memory = raw;
    cache = null;
  };

  const readRaw = (): string | null => {
    if (unsaved !== null || storage === null) return memory;
    try {
      return storage.getItem(PROGRESS_KEY);
    } catch {
      goToMemory('blocked', null);
      return memory;
    }
  };

  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };

  const load = (): { raw: string | null; decoded: Decoded; value: Progress } => {
    const raw = readRaw();
    if (cache && cache.raw === raw) return cache;
    const decoded = decodeProgress(raw, known);
    cache = { raw, decoded, value: { ...decoded.data, notice: noticeOf(decoded), unsaved } };
    return cache;
  };

  /** Copies a value this version cannot read in full to a key of its own; returns that key. */
  const setAside = (raw: string): string => {
    if (storage === null) throw new Error('no storage');
    const at = now();
    let key = `${SET_ASIDE_PREFIX}${at}`;
    for (let n = 2; storage.getItem(key) !== null; n++) key = `${SET_ASIDE_PREFIX}${at}-${n}`;
    storage.setItem(key, raw);
    return key;
  };

  /**
   * Saves `next`, computed from what `load()` returned: the value in storage is replaced only once
   * everything it held is either in `next` or copied aside. A failure keeps progress in memory.
   */
  const write = (
    next: StoredProgress,
    loaded: { raw: string | null; decoded: Decoded },
    tell = true,
  ): void => {
    let data = next;
    if (unsaved === null && storage !== null) {
      try {
        const { raw, decoded } = loaded;
        if (raw !== null && decoded.unread) {
          const entry: SetAside = { key: setAside(raw), reason: decoded.unread, at: now() };
          // Listed in the value itself, so the learner is told after a reload too, until they acknowledge.
          if (tell) data = { ...data, setAside: [...(data.setAside ?? []), entry] };
        }
        storage.setItem(PROGRESS_KEY, JSON.stringify(data));
        cache = null;
        notify();
        return;
      } catch (error) {
        // Nothing was replaced: setItem either wrote the whole value or threw.
        unsaved = saveProblem(error);
      }
    } else if (storage === null) {
      unsaved ??= 'blocked';
    }
    memory = JSON.stringify(data);
    cache = null;
    notify();
  };

  const onStorage = (event: StorageEvent): void => {
    // Another tab changed (or cleared) progress: re-read on the next get().
    if (event.key === PROGRESS_KEY || event.key === null) notify();
  };

  return {
    get: () => load().value,
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1 && typeof window !== 'undefined')
        window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && typeof window !== 'undefined')
          window.removeEventListener('storage', onStorage);
      };
    },
    markLessonRead(lessonId) {
      const loaded = load();
      const data = loaded.decoded.data;
      if (data.lessons[lessonId] || !known.lessons.has(lessonId)) return false;
      write({ ...data, lessons: { ...data.lessons, [lessonId]: { readAt: now() } } }, loaded);
      return true;
    },
    recordAttempt(quiz, asked, correct) {
      const loaded = load();
      const data = loaded.decoded.data;
      const previous = data.quizzes[quiz] ?? { attempts: 0, best: null };
      const askedIds = [...new Set(asked)];
      const attempt: QuizBest = {
        asked: askedIds,
        correct: [...new Set(correct)].filter((id) => askedIds.includes(id)),
        at: now(),
      };
      const better =
        previous.best === null ||
        ratio(attempt) > ratio(previous.best) ||
        (ratio(attempt) === ratio(previous.best) && attempt.asked.length >= previous.best.asked.length);
      const record: QuizRecord = { attempts: previous.attempts + 1, best: better ? attempt : previous.best };
      write({ ...data, quizzes: { ...data.quizzes, [quiz]: record } }, loaded);
      return record;
    },
    reset() {
      // Also from memory-only: erasing frees room, and storage is then the truth again (and empty).
      if (storage !== null) {
        try {
          storage.removeItem(PROGRESS_KEY);
          unsaved = null;
        } catch {
          goToMemory('blocked', null);
        }
      }
      memory = null;
      cache = null;
      notify();
    },
    recordAnswer(questionId, correct, rules) {
      if (!known.questions.has(questionId)) return;
      const loaded = load();
      const data = loaded.decoded.data;
      const at = now();
      const item = afterAnswer(data.reviews?.[questionId], correct, at);
      const { [questionId]: _was, ...others } = data.reviews ?? {};
      const reviews = item ? { ...others, [questionId]: item } : others;
      const { reviews: _old, ...rest } = data;
      write(
        {
          ...rest,
          ...(Object.keys(reviews).length > 0 ? { reviews } : {}),
          rules: addEvidence(data.rules, rules, { at, ok: correct, from: 'quiz' }),
        },
        loaded,
      );
    },
    recordPrediction(rules, correct) {
      const loaded = load();
      const data = loaded.decoded.data;
      const totals = data.predictions ?? { answered: 0, correct: 0 };
      write(
        {
          ...data,
          predictions: { answered: totals.answered + 1, correct: totals.correct + (correct ? 1 : 0) },
          rules: addEvidence(data.rules, rules, { at: now(), ok: correct, from: 'predict' }),
        },
        loaded,
      );
    },
    recordDrill(seed, record, rule) {
      const loaded = load();
      const data = loaded.decoded.data;
      const ended = record.solved || record.revealed;
      write(
        {
          ...data,
          drills: withDrill(data.drills, seed, { ...record, at: now() }),
          ...(ended && rule
            ? { rules: addEvidence(data.rules, [rule], { at: now(), ok: record.solved, from: 'drill' }) }
            : {}),
        },
        loaded,
      );
    },
    exportText() {
      const { setAside: _local, ...data } = load().decoded.data;
      return `${JSON.stringify({ ...data, exportedAt: now() }, null, 2)}\n`;
    },
    importText(text) {
      const decoded = decodeProgress(text, known);
      if (decoded.unread === 'corrupt')
        return {
          ok: false,
          message:
            'This file is not a progress file of this course (it is not readable JSON of the right shape).',
        };
      if (decoded.unread === 'newer-version')
        return {
          ok: false,
          message:
            'This file was saved by a newer version of this course: open it there, or update this copy.',
        };
      const incoming = decoded.data;
      const nothing =
        Object.keys(incoming.lessons).length + Object.keys(incoming.quizzes).length === 0 &&
        Object.keys(learningOf(incoming)).length === 0;
      if (nothing && decoded.unread !== null)
        return {
          ok: false,
          message:
            'Nothing in this file belongs to this course: no lesson, quiz or rule it names exists here.',
        };
      const loaded = load();
      const mine = loaded.decoded.data;
      const lessons = { ...incoming.lessons };
      for (const [id, entry] of Object.entries(mine.lessons)) {
        const theirs = lessons[id];
        lessons[id] = theirs && theirs.readAt < entry.readAt ? theirs : entry;
      }
      const quizzes = { ...mine.quizzes };
      for (const [key, record] of Object.entries(incoming.quizzes))
        quizzes[key] = mergeQuiz(quizzes[key], record);
      const { rules: _r, reviews: _v, drills: _d, predictions: _p, ...base } = mine;
      write({ ...base, lessons, quizzes, ...mergeLearning(learningOf(mine), learningOf(incoming)) }, loaded);
      return { ok: true, partly: decoded.unread !== null };
    },
    acknowledge() {
      const loaded = load();
      const { setAside: _told, ...data } = loaded.decoded.data;
      // Still sets aside what is unread (nothing is lost), but the learner has been told: not listed.
      write(data, loaded, false);
    },
  };
}
