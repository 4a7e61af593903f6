/**
 * The learner's progress (lessons read, best quiz results), kept in localStorage under one
 * versioned key. What is stored is only ever trusted after checking it: corrupted JSON or another
 * version start afresh (and say so), and results for lessons or questions that no longer exist are
 * dropped, so editing the course never breaks a returning learner. Without storage (private mode,
 * a blocked or full quota) progress lives in memory for the session.
 *
 * Pure TypeScript, no React: the store follows the external-store contract of useSyncExternalStore.
 */
export const PROGRESS_KEY = 'mcp-sim.progress.v1';
export const PROGRESS_VERSION = 1;
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

export interface StoredProgress {
  version: typeof PROGRESS_VERSION;
  /** Identifies the course content the ids below refer to (see contentFingerprint). */
  fingerprint: string;
  lessons: Record<string, { readAt: number }>;
  quizzes: Record<string, QuizRecord>;
}

/** Why the stored progress could not be used as it was. */
export type ProgressNotice = 'corrupt' | 'incompatible' | 'content-changed';

export interface Progress extends StoredProgress {
  notice: ProgressNotice | null;
}

export type ProgressEvent =
  | { type: 'lesson-completed'; lessonId: string }
  | { type: 'quiz-answered'; quiz: string; questionId: string; correct: boolean }
  | { type: 'quiz-scored'; quiz: string; correct: number; total: number; passed: boolean };

export type OnProgress = (event: ProgressEvent) => void;

export interface KnownContent {
  lessons: readonly { id: string }[];
  questions: readonly { id: string; lesson: string }[];
}

export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface ProgressStore {
  /** The current progress; the same object until something changes. */
  get(): Progress;
  subscribe(listener: () => void): () => void;
  /** Marks a lesson read; returns false if it already was. */
  markLessonRead(lessonId: string): boolean;
  /** Records a finished attempt and returns the quiz's record afterwards. */
  recordAttempt(quiz: string, asked: readonly string[], correct: readonly string[]): QuizRecord;
  /** Forgets everything. */
  reset(): void;
  /** Rewrites what was loaded (cleaned up) and clears the notice. */
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

export function emptyProgress(fingerprint: string): StoredProgress {
  return { version: PROGRESS_VERSION, fingerprint, lessons: {}, quizzes: {} };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

/**
 * Reads a stored value: never throws. A value this version cannot read is replaced by empty
 * progress with a notice; ids that the current content does not have are dropped.
 */
export function decodeProgress(raw: string | null, known: Known): Progress {
  const empty = emptyProgress(known.fingerprint);
  if (raw === null) return { ...empty, notice: null };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ...empty, notice: 'corrupt' };
  }
  if (!isRecord(data)) return { ...empty, notice: 'corrupt' };
  if (data.version !== PROGRESS_VERSION) return { ...empty, notice: 'incompatible' };

  let dropped = false;
  const lessons: StoredProgress['lessons'] = {};
  if (isRecord(data.lessons)) {
    for (const [id, entry] of Object.entries(data.lessons)) {
      if (known.lessons.has(id) && isRecord(entry) && isTime(entry.readAt))
        lessons[id] = { readAt: entry.readAt };
      else dropped = true;
    }
  }
  const quizzes: StoredProgress['quizzes'] = {};
  if (isRecord(data.quizzes)) {
    for (const [key, entry] of Object.entries(data.quizzes)) {
      const cleaned = key === EXAM_KEY || known.lessons.has(key) ? cleanQuiz(entry, known) : null;
      if (cleaned) quizzes[key] = cleaned.record;
      if (!cleaned || cleaned.dropped) dropped = true;
    }
  }
  const changed = data.fingerprint !== known.fingerprint && dropped;
  return {
    version: PROGRESS_VERSION,
    fingerprint: known.fingerprint,
    lessons,
    quizzes,
    notice: changed ? 'content-changed' : null,
  };
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

function ratio(best: QuizBest): number {
  return best.asked.length === 0 ? 0 : best.correct.length / best.asked.length;
}

interface StoreOptions {
  /** Where to keep progress; null (or a storage that throws) keeps it in memory. */
  storage: ProgressStorage | null;
  content: KnownContent;
  now?: () => number;
}

export function createProgressStore({ storage, content, now = Date.now }: StoreOptions): ProgressStore {
  const known: Known = {
    lessons: new Set(content.lessons.map((lesson) => lesson.id)),
    questions: new Set(content.questions.map((question) => question.id)),
    fingerprint: contentFingerprint(content),
  };
  let memory: string | null = null;
  let inMemory = storage === null;
  let cache: { raw: string | null; value: Progress } | null = null;
  const listeners = new Set<() => void>();

  const readRaw = (): string | null => {
    if (inMemory || storage === null) return memory;
    try {
      return storage.getItem(PROGRESS_KEY);
    } catch {
      inMemory = true;
      return memory;
    }
  };

  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };

  const get = (): Progress => {
    const raw = readRaw();
    if (cache && cache.raw === raw) return cache.value;
    const value = decodeProgress(raw, known);
    cache = { raw, value };
    return value;
  };

  const write = (data: StoredProgress): void => {
    const raw = JSON.stringify(data);
    if (!inMemory && storage !== null) {
      try {
        storage.setItem(PROGRESS_KEY, raw);
      } catch {
        inMemory = true;
      }
    }
    memory = raw;
    cache = { raw, value: { ...data, notice: null } };
    notify();
  };

  const stored = (): StoredProgress => {
    const { notice: _notice, ...data } = get();
    return data;
  };

  const onStorage = (event: StorageEvent): void => {
    // Another tab changed (or cleared) progress: re-read on the next get().
    if (event.key === PROGRESS_KEY || event.key === null) notify();
  };

  return {
    get,
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
      const data = stored();
      if (data.lessons[lessonId] || !known.lessons.has(lessonId)) return false;
      write({ ...data, lessons: { ...data.lessons, [lessonId]: { readAt: now() } } });
      return true;
    },
    recordAttempt(quiz, asked, correct) {
      const data = stored();
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
      write({ ...data, quizzes: { ...data.quizzes, [quiz]: record } });
      return record;
    },
    reset() {
      if (!inMemory && storage !== null) {
        try {
          storage.removeItem(PROGRESS_KEY);
        } catch {
          inMemory = true;
        }
      }
      memory = null;
      cache = null;
      notify();
    },
    acknowledge() {
      write(stored());
    },
  };
}
