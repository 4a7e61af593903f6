import { describe, expect, it, vi } from 'vitest';
import {
  PROGRESS_KEY,
  PROGRESS_VERSION,
  SET_ASIDE_PREFIX,
  bestScore,
  contentFingerprint,
  createProgressStore,
  lessonStatus,
  quizPassed,
  type KnownContent,
  type ProgressStorage,
} from './progress';
import { at, parseJson } from '../../tests/json';

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
    const saved = parseJson(storage.data.get(PROGRESS_KEY) ?? 'null');
    expect(saved).toEqual({
      version: PROGRESS_VERSION,
      fingerprint,
      lessons: { discovery: { readAt: 1000 } },
      quizzes: {},
    });
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

  it('survives corrupted JSON: empty progress, a notice, and the next write keeps the old value aside', () => {
    const raw = '{"version":1,"lessons":{';
    const storage = memoryStorage(raw);
    const store = createProgressStore({ storage, content, now: () => 7 });
    expect(store.get().lessons).toEqual({});
    expect(store.get().notice).toEqual({ reason: 'corrupt', pending: true, key: null });
    store.markLessonRead('discovery');
    expect(storage.data.get(`${SET_ASIDE_PREFIX}7`)).toBe(raw);
    const saved = parseJson(storage.data.get(PROGRESS_KEY) ?? '');
    expect(at(saved, 'lessons', 'discovery')).toBeDefined();
    expect(at(saved, 'setAside')).toEqual([{ key: `${SET_ASIDE_PREFIX}7`, reason: 'corrupt', at: 7 }]);
    // The learner is still told (after a reload too), until they acknowledge it.
    const reloaded = createProgressStore({ storage, content });
    expect(reloaded.get().notice).toEqual({ reason: 'corrupt', pending: false, key: `${SET_ASIDE_PREFIX}7` });
    reloaded.acknowledge();
    expect(reloaded.get().notice).toBeNull();
    expect(reloaded.get().lessons.discovery).toBeDefined();
    expect(storage.data.get(`${SET_ASIDE_PREFIX}7`)).toBe(raw);
  });

  it.each([
    ['a JSON string', '"hello"'],
    ['null', 'null'],
    ['an array', '[1,2]'],
  ])('treats %s as corrupt', (_, raw) => {
    expect(createProgressStore({ storage: memoryStorage(raw), content }).get().notice?.reason).toBe(
      'corrupt',
    );
  });

  it('migrates what it can read from another version, and keeps the value itself aside', () => {
    const old = JSON.stringify({
      version: 0,
      fingerprint,
      lessons: { discovery: { readAt: 1 } },
      quizzes: {},
    });
    const storage = memoryStorage(old);
    const store = createProgressStore({ storage, content, now: () => 9 });
    expect(store.get().lessons).toEqual({ discovery: { readAt: 1 } });
    expect(store.get().notice?.reason).toBe('unknown-version');
    store.markLessonRead('pkce');
    expect(Object.keys(store.get().lessons).sort()).toEqual(['discovery', 'pkce']);
    expect(storage.data.get(`${SET_ASIDE_PREFIX}9`)).toBe(old);
  });

  it('never overwrites a newer version that another tab wrote after this one loaded', () => {
    const storage = memoryStorage();
    const store = createProgressStore({ storage, content, now: () => 11 });
    store.markLessonRead('discovery');
    expect(store.get().notice).toBeNull();
    const newer = JSON.stringify({
      version: PROGRESS_VERSION + 1,
      lessons: { pkce: { readAt: 3 } },
      badges: ['x'],
    });
    storage.data.set(PROGRESS_KEY, newer);
    expect(store.get().notice?.reason).toBe('newer-version');
    store.recordAttempt('discovery', ids(1), ids(1));
    expect(storage.data.get(`${SET_ASIDE_PREFIX}11`)).toBe(newer);
    expect(Object.keys(store.get().lessons)).toEqual(['pkce']);
    expect(bestScore(store.get(), 'discovery')).toEqual({ correct: 1, total: 1 });
  });

  it('does not replace an unread value it could not copy aside (full storage): memory, and a warning', () => {
    const storage = memoryStorage('not json');
    const setItem = storage.setItem;
    storage.setItem = (key, value) => {
      if (key !== PROGRESS_KEY) throw new DOMException('full', 'QuotaExceededError');
      setItem(key, value);
    };
    const store = createProgressStore({ storage, content });
    store.markLessonRead('discovery');
    expect(storage.data.get(PROGRESS_KEY)).toBe('not json');
    expect(storage.data.size).toBe(1);
    expect(lessonStatus(store.get(), 'discovery')).toBe('read');
    expect(store.get().unsaved).toBe('full');
  });

  it('sets aside a value whose entries it cannot all read, and says so', () => {
    const raw = JSON.stringify({
      version: 1,
      fingerprint,
      lessons: { discovery: { readAt: 'x' } },
      quizzes: {},
    });
    const storage = memoryStorage(raw);
    const store = createProgressStore({ storage, content, now: () => 4 });
    expect(store.get().notice?.reason).toBe('partly-read');
    store.acknowledge();
    expect(store.get().notice).toBeNull();
    expect(storage.data.get(`${SET_ASIDE_PREFIX}4`)).toBe(raw);
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
    expect(progress.notice?.reason).toBe('content-changed');
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
        throw new Error('SecurityError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const store = createProgressStore({ storage, content });
    expect(store.get().lessons).toEqual({});
    expect(store.markLessonRead('discovery')).toBe(true);
    expect(lessonStatus(store.get(), 'discovery')).toBe('read');
    expect(store.get().unsaved).toBe('blocked');
    store.reset();
    expect(lessonStatus(store.get(), 'discovery')).toBe('not-started');
  });

  it('keeps progress in memory when only writing fails (a full quota)', () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const store = createProgressStore({ storage, content });
    expect(store.get().unsaved).toBeNull();
    store.recordAttempt('pkce', ['pkce-1'], ['pkce-1']);
    expect(bestScore(store.get(), 'pkce')).toEqual({ correct: 1, total: 1 });
    expect(store.get().unsaved).toBe('full');
    store.markLessonRead('pkce');
    expect(lessonStatus(store.get(), 'pkce')).toBe('quiz-passed');
    // Reset erases what storage still holds too, and saving is tried again afterwards.
    storage.data.set(
      PROGRESS_KEY,
      JSON.stringify({ version: 1, fingerprint, lessons: { discovery: { readAt: 1 } } }),
    );
    store.reset();
    expect(storage.data.has(PROGRESS_KEY)).toBe(false);
    expect(store.get().unsaved).toBeNull();
    expect(store.get().lessons).toEqual({});
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
