// @vitest-environment happy-dom
// The SCORM adapter against scorm-again's run-time as the LMS (window.API for 1.2, window.API_1484_11
// for 2004), in the same window: the connection is found through the wrapper, the SCO's state, score,
// interactions, suspend data and session time land in the run-time's data model, a resume restores
// the store from suspend data, and without an LMS nothing happens but a notice.
//
// The wrapper keeps the API it found for the life of its module, and a package from node_modules is
// not evaluated again by vi.resetModules: so the first two tests (no LMS, then 1.2) go through the
// wrapper's search, in this order, and the others hand the adapter a connection to their run-time
// directly (the 2004 search runs in the browser tests, e2e/lms.tests.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { LESSONS, QUESTIONS } from '../../../content/load';
import { correctAnswerIndex } from '../../../content/questions';
import { createProgressStore } from '../../../course/progress';
import type { ScormConnection } from './connection';
import type { PredictionScored } from '../../../course/learning';
import { at } from '../../../../tests/json';

const LESSON = 'why-authorization';
const questions = QUESTIONS.filter((q) => q.lesson === LESSON);
const newStore = () =>
  createProgressStore({ storage: null, content: { lessons: LESSONS, questions: QUESTIONS } });

declare global {
  interface Window {
    API?: Scorm12API;
    API_1484_11?: Scorm2004API;
  }
}

/** A connection straight to a run-time (what the wrapper gives once it found it). */
function direct(api: Scorm12API | Scorm2004API): ScormConnection {
  if (api instanceof Scorm12API) {
    api.LMSInitialize();
    return {
      version: '1.2',
      get: (e) => api.LMSGetValue(e),
      set: (e, v) => api.LMSSetValue(e, v) === 'true',
      commit: () => api.LMSCommit() === 'true',
      terminate: () => api.LMSFinish() === 'true',
      lastError: () => Number(api.LMSGetLastError()),
    };
  }
  api.Initialize();
  return {
    version: '2004',
    get: (e) => api.GetValue(e),
    set: (e, v) => api.SetValue(e, v) === 'true',
    commit: () => api.Commit() === 'true',
    terminate: () => api.Terminate() === 'true',
    lastError: () => Number(api.GetLastError()),
  };
}

/** The adapter and the learning events' channel, fresh. */
async function adapter() {
  vi.resetModules();
  const { runScorm } = await import('./run');
  const { reportLearning, expectListener } = await import('../../../course/learning');
  expectListener();
  return { runScorm, reportLearning };
}

beforeEach(() => {
  window.location.hash = `#/lessons/${LESSON}?embed=1&lock=1`;
});
afterEach(() => {
  delete window.API;
  delete window.API_1484_11;
  document.body.innerHTML = '';
});

function answerAll(
  report: (event: import('../../../course/learning').LearningEvent) => void,
  wrong: number,
): string[] {
  const correct: string[] = [];
  for (const [i, q] of questions.entries()) {
    if (q.kind !== 'choice') throw new Error('choice questions expected');
    const right = correctAnswerIndex(q);
    report({
      type: 'quiz-answered',
      quiz: LESSON,
      questionId: q.id,
      correct: i !== wrong,
      answer: { kind: 'choice', chosen: i === wrong ? (right + 1) % 4 : right },
      latencyMs: 2500,
    });
    if (i !== wrong) correct.push(q.id);
  }
  return correct;
}

describe('the SCORM adapter', () => {
  it('without an LMS (or behind a frame it may not look into) reports nothing and says so', async () => {
    const { runScorm } = await adapter();
    expect(runScorm('1.2', `lesson:${LESSON}`, { store: newStore() })).toBeNull();
    expect(document.querySelector('.lms-notice[role="status"]')?.textContent).toMatch(
      /kept in this browser only/,
    );
    // A parent of another origin throws when the search looks into it (a cross-origin course page).
    const parent = Object.getOwnPropertyDescriptor(window, 'parent');
    let looked = 0;
    Object.defineProperty(window, 'parent', {
      configurable: true,
      get() {
        looked += 1;
        throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
      },
    });
    try {
      expect(runScorm('2004', `lesson:${LESSON}`, { store: newStore() })).toBeNull();
      expect(looked).toBeGreaterThan(0);
    } finally {
      if (parent) Object.defineProperty(window, 'parent', parent);
      else Reflect.deleteProperty(window, 'parent');
    }
  });

  it('1.2: status, score, interactions, suspend data, location and session time in the run-time', async () => {
    const api = new Scorm12API({ logLevel: 5 });
    window.API = api;
    const { runScorm, reportLearning } = await adapter();
    const store = newStore();
    let now = 1_000;
    const session = runScorm('1.2', `lesson:${LESSON}`, { store, now: () => now });
    expect(session).not.toBeNull();
    expect(api.cmi.core.lesson_status).toBe('incomplete');
    store.markLessonRead(LESSON);
    expect(api.cmi.core.lesson_status).toBe('incomplete');
    const correct = answerAll(reportLearning, 3);
    store.recordAttempt(
      LESSON,
      questions.map((q) => q.id),
      correct,
    );
    expect(api.cmi.core.lesson_status).toBe('passed');
    expect([api.cmi.core.score.raw, api.cmi.core.score.min, api.cmi.core.score.max]).toEqual([
      '80',
      '0',
      '100',
    ]);
    // 1.2 interactions are write-only to the SCO: read what the LMS would store.
    const stored = api.renderCMIToJSONObject();
    const first = at(stored, 'cmi', 'interactions', '0');
    expect(at(first, 'id')).toBe(questions[0]?.id);
    expect(at(first, 'type')).toBe('choice');
    expect(at(first, 'result')).toBe('correct');
    expect(at(first, 'latency')).toMatch(/^00:00:02\.50?$/);
    expect(at(stored, 'cmi', 'interactions', '3', 'result')).toBe('wrong');
    expect(api.cmi.interactions.childArray).toHaveLength(questions.length);
    expect(api.cmi.core.lesson_location).toBe(`#/lessons/${LESSON}?embed=1&lock=1`);
    expect(api.cmi.suspend_data).toContain(LESSON);
    now += 65_000;
    session?.finish();
    const ended = api.renderCMIToJSONObject();
    expect(at(ended, 'cmi', 'core', 'exit')).toBe('suspend');
    expect(at(ended, 'cmi', 'core', 'session_time')).toMatch(/^00:01:05(\.0+)?$/);
    expect(api.isTerminated()).toBe(true);
  });

  it('2004: completion and success apart, scaled score, the LMS passing score, [,]-joined responses', async () => {
    const api = new Scorm2004API({ logLevel: 5 });
    api.loadFromJSON({ cmi: { scaled_passing_score: '0.9' } });
    const { runScorm, reportLearning } = await adapter();
    const store = newStore();
    runScorm('2004', `lesson:${LESSON}`, { store, connection: direct(api) });
    store.markLessonRead(LESSON);
    const correct = answerAll(reportLearning, 0);
    store.recordAttempt(
      LESSON,
      questions.map((q) => q.id),
      correct,
    );
    // 80% is under this LMS's 90%: failed, so not complete either.
    expect(api.cmi.success_status).toBe('failed');
    expect(api.cmi.completion_status).toBe('incomplete');
    expect(api.cmi.score.scaled).toBe('0.8');
    const stored = api.renderCMIToJSONObject();
    expect(at(stored, 'cmi', 'interactions', '0', 'result')).toBe('incorrect');
    expect(at(stored, 'cmi', 'interactions', '0', 'latency')).toBe('PT2.5S');
    expect(at(stored, 'cmi', 'interactions', '0', 'learner_response')).not.toBe(
      at(stored, 'cmi', 'interactions', '0', 'correct_responses', '0', 'pattern'),
    );
    store.recordAttempt(
      LESSON,
      questions.map((q) => q.id),
      questions.map((q) => q.id),
    );
    expect(api.cmi.success_status).toBe('passed');
    expect(api.cmi.completion_status).toBe('completed');
    expect(api.cmi.score.raw).toBe('100');
  });

  it('resumes from suspend data alone into an empty store, and never reports less than the LMS holds', async () => {
    const api = new Scorm12API({ logLevel: 5 });
    const first = await adapter();
    const store = newStore();
    const session = first.runScorm('1.2', `lesson:${LESSON}`, { store, connection: direct(api) });
    store.markLessonRead(LESSON);
    store.recordAttempt(
      LESSON,
      questions.map((q) => q.id),
      questions.map((q) => q.id),
    );
    session?.finish();
    const kept = api.renderCMIToJSONObject();

    const again = new Scorm12API({ logLevel: 5 });
    again.loadFromJSON(kept);
    const second = await adapter();
    const elsewhere = newStore();
    second.runScorm('1.2', `lesson:${LESSON}`, { store: elsewhere, connection: direct(again) });
    expect(elsewhere.get().lessons[LESSON]).toBeDefined();
    expect(elsewhere.get().quizzes[LESSON]?.best?.correct).toHaveLength(questions.length);
    elsewhere.reset();
    expect(again.cmi.core.lesson_status).toBe('passed');
  });

  it('records practice: a drill as the right diagnosis or not, a predict-mode score as neutral', async () => {
    const drill = {
      type: 'drill-completed',
      drill: '4',
      fault: 'as-iss-missing',
      party: 'as',
      rule: 'A-08',
      solved: true,
      hints: 2,
      attempts: 3,
    } as const;
    const scored: PredictionScored = {
      type: 'prediction-scored',
      run: {
        scenario: 'step-up',
        registration: 'cimd',
        seed: 'demo',
        attack: { id: 'mix-up', defence: 'on' },
      },
      correct: 5,
      total: 7,
      skipped: 1,
      phases: [{ phase: 'discovery', correct: 5, total: 7 }],
    };

    const old = new Scorm12API({ logLevel: 5 });
    const one = await adapter();
    one.runScorm('1.2', `lesson:${LESSON}`, { store: newStore(), connection: direct(old) });
    one.reportLearning(drill);
    one.reportLearning({ ...drill, drill: 'x7', solved: false });
    one.reportLearning(scored);
    const kept = old.renderCMIToJSONObject();
    expect(at(kept, 'cmi', 'interactions', '0', 'id')).toBe('practice-4');
    expect(at(kept, 'cmi', 'interactions', '0', 'type')).toBe('performance');
    expect(at(kept, 'cmi', 'interactions', '0', 'student_response')).toBe('as:A-08');
    expect(at(kept, 'cmi', 'interactions', '0', 'result')).toBe('correct');
    expect(at(kept, 'cmi', 'interactions', '1', 'student_response')).toBe('answer-shown');
    expect(at(kept, 'cmi', 'interactions', '1', 'result')).toBe('wrong');
    expect(at(kept, 'cmi', 'interactions', '2', 'id')).toBe('predict-step-up-cimd-attack-mix-up-defence-on');
    expect(at(kept, 'cmi', 'interactions', '2', 'student_response')).toBe('5/7');
    expect(at(kept, 'cmi', 'interactions', '2', 'result')).toBe('neutral');

    const api = new Scorm2004API({ logLevel: 5 });
    const two = await adapter();
    two.runScorm('2004', `lesson:${LESSON}`, { store: newStore(), connection: direct(api) });
    two.reportLearning(drill);
    two.reportLearning({ ...drill, solved: false });
    two.reportLearning(scored);
    const stored = api.renderCMIToJSONObject();
    expect(at(stored, 'cmi', 'interactions', '0', 'type')).toBe('other');
    expect(at(stored, 'cmi', 'interactions', '0', 'learner_response')).toBe('as:A-08');
    expect(at(stored, 'cmi', 'interactions', '0', 'correct_responses', '0', 'pattern')).toBe('as:A-08');
    expect(at(stored, 'cmi', 'interactions', '0', 'description')).toMatch(/^Drill 4: .*2 hints, 3 tries/);
    expect(at(stored, 'cmi', 'interactions', '1', 'result')).toBe('incorrect');
    expect(at(stored, 'cmi', 'interactions', '2', 'result')).toBe('neutral');
    expect(at(stored, 'cmi', 'interactions', '2', 'learner_response')).toBe('5/7');
    expect(api.cmi.interactions.childArray).toHaveLength(3);
  });
});
