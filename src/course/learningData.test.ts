/**
 * What the progress store keeps besides lessons and quizzes: the review queue on its 1-3-7 day
 * schedule (with a fake clock), evidence per rule and the mastery read from it, drills and
 * predictions, version 1 read in full, unknown ids dropped without losing the stored value, and a
 * progress file exported and imported.
 */
import { describe, expect, it } from 'vitest';
import { at, parseJson } from '../../tests/json';
import { EVIDENCE_KEPT } from './learningData';
import type { Evidence } from './learningData';
import { masteryOf } from './mastery';
import { contentFingerprint, createProgressStore, PROGRESS_KEY, SET_ASIDE_PREFIX } from './progress';
import type { KnownContent, ProgressStorage } from './progress';
import { afterAnswer, DAY_MS, dueQuestions, nextDue } from './review';

const content: KnownContent = {
  lessons: [{ id: 'discovery' }, { id: 'pkce' }],
  questions: [
    { id: 'discovery-1', lesson: 'discovery' },
    { id: 'discovery-2', lesson: 'discovery' },
    { id: 'pkce-1', lesson: 'pkce' },
  ],
};

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

/** A clock the test moves by hand. */
function fakeClock(start = Date.UTC(2026, 8, 1, 9)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('the review schedule', () => {
  const t0 = 1_000_000;

  it('a miss comes back after 1 day, then 3, then 7, then leaves the queue', () => {
    let item = afterAnswer(undefined, false, t0);
    expect(item).toEqual({ step: 0, due: t0 + DAY_MS });
    const t1 = t0 + DAY_MS;
    item = afterAnswer(item ?? undefined, true, t1);
    expect(item).toEqual({ step: 1, due: t1 + 3 * DAY_MS });
    const t2 = t1 + 3 * DAY_MS;
    item = afterAnswer(item ?? undefined, true, t2);
    expect(item).toEqual({ step: 2, due: t2 + 7 * DAY_MS });
    expect(afterAnswer(item ?? undefined, true, t2 + 7 * DAY_MS)).toBeNull();
  });

  it('a miss in review starts over; a right answer before it is due changes nothing', () => {
    const item = { step: 2, due: t0 };
    expect(afterAnswer(item, false, t0)).toEqual({ step: 0, due: t0 + DAY_MS });
    const later = { step: 1, due: t0 + DAY_MS };
    expect(afterAnswer(later, true, t0)).toBe(later);
    // A right answer to a question never missed does not put it in the queue.
    expect(afterAnswer(undefined, true, t0)).toBeNull();
  });

  it('lists what is due, longest overdue first, at most a short session', () => {
    const reviews = { a: { step: 0, due: 30 }, b: { step: 0, due: 10 }, c: { step: 1, due: 99 } };
    expect(dueQuestions(reviews, 50)).toEqual(['b', 'a']);
    expect(dueQuestions(reviews, 50, 1)).toEqual(['b']);
    expect(nextDue(reviews, 50)).toBe(99);
    expect(dueQuestions(undefined, 50)).toEqual([]);
  });

  it('in the store: a missed question is due the next day, not before', () => {
    const clock = fakeClock();
    const store = createProgressStore({ storage: memoryStorage(), content, now: clock.now });
    store.recordAnswer('discovery-1', false, ['C-03']);
    store.recordAnswer('discovery-2', true, ['C-03']);
    expect(dueQuestions(store.get().reviews, clock.now())).toEqual([]);
    clock.advance(DAY_MS - 1);
    expect(dueQuestions(store.get().reviews, clock.now())).toEqual([]);
    clock.advance(1);
    expect(dueQuestions(store.get().reviews, clock.now())).toEqual(['discovery-1']);
    store.recordAnswer('discovery-1', true, ['C-03']);
    expect(dueQuestions(store.get().reviews, clock.now())).toEqual([]);
    clock.advance(3 * DAY_MS);
    expect(dueQuestions(store.get().reviews, clock.now())).toEqual(['discovery-1']);
  });
});

describe('mastery per rule', () => {
  const e = (...oks: boolean[]): Evidence[] => oks.map((ok, i) => ({ at: i, ok, from: 'quiz' }));

  it('reads the recent answers', () => {
    expect(masteryOf(undefined)).toBe('unseen');
    expect(masteryOf(e(true))).toBe('learning');
    expect(masteryOf(e(true, true, true))).toBe('mastered');
    expect(masteryOf(e(true, true, true, false))).toBe('needs-work');
    expect(masteryOf(e(false, false, true))).toBe('needs-work');
    expect(masteryOf(e(false, true, true, true, true, true))).toBe('mastered');
  });

  it('comes from quiz answers, predictions and drills alike, and keeps only the newest', () => {
    const clock = fakeClock();
    const store = createProgressStore({ storage: memoryStorage(), content, now: clock.now });
    store.recordAnswer('pkce-1', true, ['C-26', 'A-16']);
    store.recordPrediction(['C-26'], true);
    store.recordDrill(
      'class-a',
      { fault: 'client-no-pkce', solved: true, revealed: false, hints: 1, attempts: 2 },
      'C-26',
    );
    expect(store.get().rules?.['C-26']?.map((x) => x.from)).toEqual(['quiz', 'predict', 'drill']);
    expect(masteryOf(store.get().rules?.['C-26'])).toBe('mastered');
    expect(store.get().predictions).toEqual({ answered: 1, correct: 1 });
    expect(store.get().drills?.['class-a']?.solved).toBe(true);
    for (let i = 0; i < EVIDENCE_KEPT + 5; i++) store.recordPrediction(['S-06'], i % 2 === 0);
    expect(store.get().rules?.['S-06']).toHaveLength(EVIDENCE_KEPT);
  });

  it('a drill still going gives no evidence; revealed, it counts as missed', () => {
    const store = createProgressStore({ storage: memoryStorage(), content });
    const record = { fault: 'as-iss-missing', solved: false, revealed: false, hints: 2, attempts: 1 };
    store.recordDrill('7', record, 'A-08');
    expect(store.get().rules?.['A-08']).toBeUndefined();
    store.recordDrill('7', { ...record, revealed: true }, 'A-08');
    expect(store.get().rules?.['A-08']?.map((x) => x.ok)).toEqual([false]);
  });
});

describe('stored learning data', () => {
  const fingerprint = contentFingerprint(content);

  it('reads version 1 in full: no notice, and saved as version 2', () => {
    const v1 = JSON.stringify({ version: 1, fingerprint, lessons: { pkce: { readAt: 5 } }, quizzes: {} });
    const storage = memoryStorage(v1);
    const store = createProgressStore({ storage, content });
    expect(store.get().notice).toBeNull();
    store.recordPrediction(['C-26'], true);
    expect(at(parseJson(storage.data.get(PROGRESS_KEY) ?? ''), 'version')).toBe(2);
    expect(store.get().lessons.pkce).toEqual({ readAt: 5 });
    expect([...storage.data.keys()].some((k) => k.startsWith(SET_ASIDE_PREFIX))).toBe(false);
  });

  it('drops what the content or simulator no longer has, and keeps the stored value aside', () => {
    const raw = JSON.stringify({
      version: 2,
      fingerprint: 'older',
      lessons: {},
      quizzes: {},
      rules: { 'C-26': [{ at: 1, ok: true, from: 'quiz' }], 'X-99': [{ at: 1, ok: true, from: 'quiz' }] },
      reviews: { 'discovery-1': { step: 0, due: 5 }, 'gone-1': { step: 0, due: 5 } },
      drills: { a: { fault: 'no-such-fault', solved: true, revealed: false, hints: 0, attempts: 1, at: 1 } },
      predictions: { answered: 2, correct: 5 },
    });
    const storage = memoryStorage(raw);
    const store = createProgressStore({ storage, content });
    const progress = store.get();
    expect(progress.notice?.reason).toBe('content-changed');
    expect(Object.keys(progress.rules ?? {})).toEqual(['C-26']);
    expect(Object.keys(progress.reviews ?? {})).toEqual(['discovery-1']);
    expect(progress.drills).toBeUndefined();
    expect(progress.predictions).toBeUndefined();
    store.recordPrediction(['C-26'], true);
    const aside = [...storage.data.entries()].find(([k]) => k.startsWith(SET_ASIDE_PREFIX));
    expect(aside?.[1]).toBe(raw);
  });

  it('exports a file and imports it into another browser, merging what is there', () => {
    const clock = fakeClock();
    const laptop = createProgressStore({ storage: memoryStorage(), content, now: clock.now });
    laptop.markLessonRead('discovery');
    laptop.recordAttempt('discovery', ['discovery-1', 'discovery-2'], ['discovery-2']);
    laptop.recordAnswer('discovery-1', false, ['C-03']);
    laptop.recordPrediction(['S-02'], true);
    const file = laptop.exportText();

    clock.advance(10);
    const desktop = createProgressStore({ storage: memoryStorage(), content, now: clock.now });
    desktop.markLessonRead('pkce');
    desktop.recordPrediction(['C-26'], false);
    expect(desktop.importText(file)).toEqual({ ok: true, partly: false });
    const merged = desktop.get();
    expect(Object.keys(merged.lessons).sort()).toEqual(['discovery', 'pkce']);
    expect(merged.quizzes.discovery?.best?.correct).toEqual(['discovery-2']);
    expect(Object.keys(merged.reviews ?? {})).toEqual(['discovery-1']);
    expect(Object.keys(merged.rules ?? {}).sort()).toEqual(['C-03', 'C-26', 'S-02']);
    // Importing the same file twice adds nothing twice.
    desktop.importText(file);
    expect(desktop.get().rules?.['S-02']).toHaveLength(1);
  });

  it('refuses a file that is not a progress file, and changes nothing', () => {
    const store = createProgressStore({ storage: memoryStorage(), content });
    store.markLessonRead('pkce');
    const before = store.get();
    for (const text of [
      'not json',
      '[]',
      '{"version": 99}',
      JSON.stringify({ version: 2, lessons: { x: {} } }),
    ]) {
      const result = store.importText(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
    }
    expect(store.get()).toBe(before);
  });
});
