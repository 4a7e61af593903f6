import { describe, expect, it, vi } from 'vitest';
import {
  PROGRESS_KEY,
  bestScore,
  contentFingerprint,
  createProgressStore,
  lessonStatus,
  quizPassed,
  type KnownContent,
  type ProgressStorage,
} from './progress';

const content: KnownContent = {
  lessons: [{ id: 'discovery' }, { id: 'pkce' }],
  questions: [
    { id: 'discovery-1', lesson: 'discovery' },
    { id: 'discovery-2', lesson: 'discovery' },
    { id: 'discovery-3', lesson: 'discovery' },
    { id: 'discovery-4', lesson: 'discovery' },
    { id: 'discovery-5', lesson: 'discovery' },
    { id: 'pkce-1', lesson: 'pkce' },
  ],
};
const fingerprint = contentFingerprint(content);

function memoryStorage(initial?: string): ProgressStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  if (initial !== undefined) data.set(PROGRESS_KEY, initial);
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const ids = (...numbers: number[]) => numbers.map((n) => `discovery-${n}`);

describe('progress store', () => {
  it('starts empty, marks lessons read once, and persists under the versioned key', () => {
    const storage = memoryStorage();
    const store = createProgressStore({ storage, content, now: () => 1000 });
    expect(lessonStatus(store.get(), 'discovery')).toBe('not-started');
    expect(store.markLessonRead('discovery')).toBe(true);
    expect(store.markLessonRead('discovery')).toBe(false);
    expect(store.markLessonRead('no-such-lesson')).toBe(false);
    expect(lessonStatus(store.get(), 'discovery')).toBe('read');
    const saved = JSON.parse(storage.data.get(PROGRESS_KEY) ?? 'null');
    expect(saved).toEqual({ version: 1, fingerprint, lessons: { discovery: { readAt: 1000 } }, quizzes: {} });
  });

  it('reloads what it saved in a fresh store (a page reload)', () => {
    const storage = memoryStorage();
    const first = createProgressStore({ storage, content });
    first.markLessonRead('pkce');
    first.recordAttempt('discovery', ids(1, 2, 3, 4, 5), ids(1, 2, 3, 4));
    const second = createProgressStore({ storage, content });
    expect(second.get().lessons.pkce).toBeDefined();
    expect(bestScore(second.get(), 'discovery')).toEqual({ correct: 4, total: 5 });
    expect(second.get().quizzes.discovery?.attempts).toBe(1);
    expect(second.get().notice).toBeNull();
  });

  it('keeps the best attempt, counts every attempt, and passes at 80%', () => {
    const store = createProgressStore({ storage: memoryStorage(), content });
    store.recordAttempt('discovery', ids(1, 2, 3, 4, 5), ids(1, 2, 3));
    expect(quizPassed(store.get(), 'discovery')).toBe(false);
    expect(lessonStatus(store.get(), 'discovery')).toBe('not-started');
    store.recordAttempt('discovery', ids(1, 2, 3, 4, 5), ids(1, 2, 3, 4));
    store.recordAttempt('discovery', ids(1, 2, 3, 4, 5), ids(1));
    expect(bestScore(store.get(), 'discovery')).toEqual({ correct: 4, total: 5 });
    expect(store.get().quizzes.discovery?.attempts).toBe(3);
    expect(quizPassed(store.get(), 'discovery')).toBe(true);
    expect(lessonStatus(store.get(), 'discovery')).toBe('quiz-passed');
  });

  it('returns the same snapshot until something changes, and tells subscribers', () => {
    const store = createProgressStore({ storage: memoryStorage(), content });
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    const before = store.get();
    expect(store.get()).toBe(before);
    store.markLessonRead('discovery');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get()).not.toBe(before);
    unsubscribe();
    store.markLessonRead('pkce');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('survives corrupted JSON: empty progress, a notice, and the next write repairs storage', () => {
    const storage = memoryStorage('{"version":1,"lessons":{');
    const store = createProgressStore({ storage, content });
    expect(store.get().lessons).toEqual({});
    expect(store.get().notice).toBe('corrupt');
    store.markLessonRead('discovery');
    expect(store.get().notice).toBeNull();
    expect(JSON.parse(storage.data.get(PROGRESS_KEY) ?? '').lessons.discovery).toBeDefined();
  });

  it.each([
    ['a JSON string', '"hello"'],
    ['null', 'null'],
    ['an array', '[1,2]'],
  ])('treats %s as corrupt', (_, raw) => {
    expect(createProgressStore({ storage: memoryStorage(raw), content }).get().notice).toBe('corrupt');
  });

  it('ignores another version of the stored format', () => {
    const old = JSON.stringify({
      version: 0,
      fingerprint,
      lessons: { discovery: { readAt: 1 } },
      quizzes: {},
    });
    const store = createProgressStore({ storage: memoryStorage(old), content });
    expect(store.get().lessons).toEqual({});
    expect(store.get().notice).toBe('incompatible');
  });

  it('drops lessons and questions the content no longer has, and says so when the content changed', () => {
    const stored = {
      version: 1,
      fingerprint: 'from-older-content',
      lessons: { discovery: { readAt: 5 }, 'removed-lesson': { readAt: 5 } },
      quizzes: {
        discovery: {
          attempts: 2,
          best: { asked: [...ids(1, 2, 3), 'discovery-99'], correct: [...ids(1, 2), 'discovery-99'], at: 7 },
        },
        'removed-lesson': { attempts: 1, best: { asked: ['removed-lesson-1'], correct: [], at: 7 } },
      },
    };
    const store = createProgressStore({ storage: memoryStorage(JSON.stringify(stored)), content });
    const progress = store.get();
    expect(Object.keys(progress.lessons)).toEqual(['discovery']);
    expect(Object.keys(progress.quizzes)).toEqual(['discovery']);
    expect(progress.quizzes.discovery).toEqual({
      attempts: 2,
      best: { asked: ids(1, 2, 3), correct: ids(1, 2), at: 7 },
    });
    expect(progress.notice).toBe('content-changed');
    expect(progress.fingerprint).toBe(fingerprint);
    store.acknowledge();
    expect(store.get().notice).toBeNull();
  });

  it('drops malformed entries field by field instead of failing', () => {
    const stored = {
      version: 1,
      fingerprint,
      lessons: { discovery: { readAt: 'yesterday' }, pkce: { readAt: 3 } },
      quizzes: { discovery: { attempts: 'many', best: { asked: 'all', correct: [], at: 1 } }, pkce: 42 },
    };
    const progress = createProgressStore({ storage: memoryStorage(JSON.stringify(stored)), content }).get();
    expect(progress.lessons).toEqual({ pkce: { readAt: 3 } });
    expect(progress.quizzes).toEqual({ discovery: { attempts: 0, best: null } });
  });

  it('resets everything', () => {
    const storage = memoryStorage();
    const store = createProgressStore({ storage, content });
    store.markLessonRead('discovery');
    store.recordAttempt('exam', ids(1, 2), ids(1));
    const listener = vi.fn();
    store.subscribe(listener);
    store.reset();
    expect(storage.data.has(PROGRESS_KEY)).toBe(false);
    expect(store.get().lessons).toEqual({});
    expect(store.get().quizzes).toEqual({});
    expect(listener).toHaveBeenCalled();
  });

  it('keeps progress in memory when storage throws', () => {
    const storage: ProgressStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const store = createProgressStore({ storage, content });
    expect(store.get().lessons).toEqual({});
    expect(store.markLessonRead('discovery')).toBe(true);
    expect(lessonStatus(store.get(), 'discovery')).toBe('read');
    store.reset();
    expect(lessonStatus(store.get(), 'discovery')).toBe('not-started');
  });

  it('keeps progress in memory when only writing fails (a full quota)', () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const store = createProgressStore({ storage, content });
    store.recordAttempt('pkce', ['pkce-1'], ['pkce-1']);
    expect(bestScore(store.get(), 'pkce')).toEqual({ correct: 1, total: 1 });
  });

  it('fingerprints the set of ids, not their order', () => {
    const reordered: KnownContent = {
      lessons: [...content.lessons].reverse(),
      questions: [...content.questions].reverse(),
    };
    expect(contentFingerprint(reordered)).toBe(fingerprint);
    expect(contentFingerprint({ ...content, questions: content.questions.slice(1) })).not.toBe(fingerprint);
  });
});
