// The xAPI side against a statement receiver on loopback (lrsStub.ts): a cmi5 launch (the one-time
// token, LMS.LaunchData, the learner preferences), then a learner who reads a lesson, answers its
// quiz, passes, runs an attack and exits. The LRS receives the statements in that order, shaped as
// cmi5 says; statements made while the LRS cannot be reached wait and arrive, in order, once it can.
import { afterEach, describe, expect, it } from 'vitest';
import { LESSONS, QUESTIONS } from '../../src/content/load';
import { createProgressStore } from '../../src/course/progress';
import { correctAnswerIndex } from '../../src/features/quiz/attempt';
import type { ProgressStore } from '../../src/course/progress';
import { scopeOf } from '../../src/features/lms/scope';
import { fetchToken, parseLaunch, readLaunchData } from '../../src/features/lms/xapi/launch';
import { createLrs } from '../../src/features/lms/xapi/lrs';
import { PROGRESS_STATE_ID, XapiSession } from '../../src/features/lms/xapi/session';
import {
  CMI5_CATEGORY,
  MASTERY_SCORE_EXTENSION,
  MOVEON_CATEGORY,
  VERB,
} from '../../src/features/lms/xapi/statements';
import { at, arrayAt } from '../json';
import { startLrs, TOKEN, type LrsStub } from './lrsStub';

const LESSON = 'why-authorization';
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const ACTOR = { objectType: 'Agent', account: { homePage: 'https://lms.example.edu', name: 'learner-7' } };
const REGISTRATION = '6f4e7a3c-2b1d-4c5e-9a8b-1d2c3b4a5f60';
const ACTIVITY = 'https://lms.example.edu/au/42';
const launchData = {
  contextTemplate: {
    contextActivities: { grouping: [{ objectType: 'Activity', id: 'urn:uuid:publisher-au' }] },
    extensions: { [SESSION]: 'session-1' },
  },
  launchMode: 'Normal',
  masteryScore: 0.8,
  moveOn: 'CompletedAndPassed',
  returnURL: 'https://lms.example.edu/course',
};

let lrs: LrsStub | null = null;
afterEach(async () => {
  await lrs?.close();
  lrs = null;
});

const questions = QUESTIONS.filter((q) => q.lesson === LESSON);

async function launch(stub: LrsStub, store: ProgressStore, retryMs = 20) {
  const params = new URLSearchParams({
    endpoint: stub.endpoint,
    fetch: stub.fetchUrl,
    actor: JSON.stringify(ACTOR),
    registration: REGISTRATION,
    activityId: ACTIVITY,
  });
  const parsed = parseLaunch('cmi5', params, 'urn:unused');
  if (!parsed.ok) throw new Error(parsed.error);
  const token = await fetchToken(stub.fetchUrl);
  if (!token.ok) throw new Error(token.error);
  const client = createLrs(parsed.value.endpoint, token.value);
  const data = await readLaunchData(client, parsed.value);
  if (!data.ok) throw new Error(data.error);
  const scope = scopeOf(`lesson:${LESSON}`, LESSONS);
  if (!scope) throw new Error('no scope');
  return XapiSession.open({
    lrs: client,
    store,
    scope,
    base: {
      actor: parsed.value.actor,
      activityId: parsed.value.activityId,
      registration: parsed.value.registration,
      contextTemplate: data.value.contextTemplate,
      masteryScore: data.value.masteryScore,
    },
    mode: 'cmi5',
    launchMode: data.value.launchMode,
    passingScore: data.value.masteryScore ?? 0.8,
    outbox: { retryMs, maxRetryMs: 100 },
  });
}

/** Answers every question of the lesson's quiz (one of them wrong), as the quiz reports and records it. */
function takeQuiz(session: XapiSession, store: ProgressStore, wrong: number): void {
  const correct: string[] = [];
  for (const [i, question] of questions.entries()) {
    if (question.kind !== 'choice') throw new Error('the lesson is all choice questions');
    const right = correctAnswerIndex(question);
    const chosen = i === wrong ? (right + 1) % question.answers.length : right;
    session.learn({
      type: 'quiz-answered',
      quiz: LESSON,
      questionId: question.id,
      correct: i !== wrong,
      answer: { kind: 'choice', chosen },
      latencyMs: 1500 + i,
    });
    if (i !== wrong) correct.push(question.id);
  }
  store.recordAttempt(
    LESSON,
    questions.map((q) => q.id),
    correct,
  );
}

const verbs = (stub: LrsStub): string[] =>
  stub.statements.map(
    (s) =>
      String(at(s.statement, 'verb', 'id'))
        .split('/')
        .at(-1) ?? '',
  );
const categories = (statement: unknown): unknown[] =>
  (at(statement, 'context', 'contextActivities', 'category') === undefined
    ? []
    : arrayAt(statement, 'context', 'contextActivities', 'category')
  ).map((a) => at(a, 'id'));

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((done) => setTimeout(done, 10));
  }
}

describe('xAPI / cmi5 against a local statement receiver', () => {
  it('sends initialized, answered, passed, completed, experienced and terminated, in order and shaped as cmi5 says', async () => {
    const stub = (lrs = await startLrs(launchData));
    const store = createProgressStore({ storage: null, content: { lessons: LESSONS, questions: QUESTIONS } });
    const { session, resumeAt } = await launch(stub, store);
    expect(resumeAt).toBeNull();
    store.markLessonRead(LESSON);
    takeQuiz(session, store, 1);
    session.learn({
      type: 'attack-finished',
      attack: 'mix-up',
      defence: 'on',
      attackerWon: false,
      stoppedBy: 'C-20',
    });
    session.moved(`#/lessons/${LESSON}?embed=1&lock=1`);
    await session.end();

    const n = questions.length;
    expect(verbs(stub)).toEqual([
      'initialized',
      ...Array<string>(n).fill('answered'),
      'passed',
      'completed',
      'experienced',
      'terminated',
    ]);
    for (const { statement, authorization, version } of stub.statements) {
      expect(authorization).toBe(`Basic ${TOKEN}`);
      expect(version).toBe('1.0.3');
      expect(statement.actor).toEqual(ACTOR);
      expect(at(statement, 'id')).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(Date.parse(String(at(statement, 'timestamp')))).not.toBeNaN();
      // The template is kept whole (session id, publisher grouping), with the launch's registration.
      expect(at(statement, 'context', 'registration')).toBe(REGISTRATION);
      expect(at(statement, 'context', 'extensions', SESSION)).toBe('session-1');
      expect(at(statement, 'context', 'contextActivities', 'grouping', 0, 'id')).toBe(
        'urn:uuid:publisher-au',
      );
    }
    const [initialized, first, ...rest] = stub.statements.map((s) => s.statement);
    const passed = rest[n - 1];
    const completed = rest[n];
    const experienced = rest[n + 1];
    const terminated = rest[n + 2];
    expect(at(initialized, 'object', 'id')).toBe(ACTIVITY);
    expect(categories(initialized)).toEqual([CMI5_CATEGORY]);
    // answered: cmi5 allowed, so no cmi5 category; the question as a cmi.interaction of its quiz.
    expect(categories(first)).toEqual([]);
    expect(at(first, 'object', 'id')).toBe(`${ACTIVITY}/quiz/${LESSON}/question/${questions[0]?.id}`);
    expect(at(first, 'object', 'definition', 'interactionType')).toBe('choice');
    expect(at(first, 'context', 'contextActivities', 'parent', 0, 'id')).toBe(`${ACTIVITY}/quiz/${LESSON}`);
    expect(at(first, 'result')).toEqual({
      response: at(first, 'object', 'definition', 'correctResponsesPattern', 0),
      success: true,
      duration: 'PT1.5S',
    });
    expect(at(rest[0], 'result', 'success')).toBe(false);
    expect(at(passed, 'result', 'score')).toEqual({ scaled: (n - 1) / n, raw: n - 1, min: 0, max: n });
    expect(at(passed, 'result', 'success')).toBe(true);
    expect(at(passed, 'result', 'duration')).toMatch(/^PT/);
    expect(categories(passed)).toEqual([CMI5_CATEGORY, MOVEON_CATEGORY]);
    expect(at(passed, 'context', 'extensions', MASTERY_SCORE_EXTENSION)).toBe(0.8);
    expect(at(completed, 'result', 'completion')).toBe(true);
    expect(at(completed, 'result', 'score')).toBeUndefined();
    expect(categories(completed)).toEqual([CMI5_CATEGORY, MOVEON_CATEGORY]);
    expect(at(experienced, 'object', 'id')).toBe(`${ACTIVITY}/attack/mix-up/defence-on`);
    expect(at(experienced, 'result', 'response')).toBe('stopped by C-20');
    expect(categories(terminated)).toEqual([CMI5_CATEGORY]);
    expect(at(terminated, 'result', 'duration')).toMatch(/^PT/);
    expect(at(terminated, 'verb', 'id')).toBe(VERB.terminated);
    // What the platform was told is kept for the next session.
    expect(at(stub.states.get(PROGRESS_STATE_ID), 'completed')).toBe(true);
    expect(at(stub.states.get(PROGRESS_STATE_ID), 'location')).toBe(`#/lessons/${LESSON}?embed=1&lock=1`);
  });

  it('queues statements while the LRS cannot be reached and sends them, in order, once it can', async () => {
    const stub = (lrs = await startLrs(launchData));
    const store = createProgressStore({ storage: null, content: { lessons: LESSONS, questions: QUESTIONS } });
    const { session } = await launch(stub, store);
    await until(() => stub.statements.length === 1);
    stub.offline = true;
    store.markLessonRead(LESSON);
    takeQuiz(session, store, 0);
    session.learn({
      type: 'run-finished',
      scenario: 'first-connection',
      registration: 'cimd',
      outcome: 'success',
    });
    // Tried and dropped, more than once (the retry backs off), and nothing lost or stored meanwhile.
    await until(() => stub.requests.filter((r) => r.dropped).length >= 3);
    expect(stub.statements).toHaveLength(1);
    expect(session.pending).toBeGreaterThan(questions.length);
    stub.offline = false;
    await until(() => session.pending === 0);
    const n = questions.length;
    expect(verbs(stub)).toEqual([
      'initialized',
      ...Array<string>(n).fill('answered'),
      'passed',
      'completed',
      'experienced',
    ]);
    // Each kept the time it happened, not the time it was sent.
    const stamps = stub.statements.map((s) => Date.parse(String(at(s.statement, 'timestamp'))));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    // Sent once each: a statement is not duplicated by a retry.
    expect(new Set(stub.statements.map((s) => at(s.statement, 'id'))).size).toBe(stub.statements.length);
    await session.end();
    expect(verbs(stub).at(-1)).toBe('terminated');
  });

  it('reports a failed quiz once, at the end of the session, and resumes a later session from the LRS', async () => {
    const stub = (lrs = await startLrs(launchData));
    const store = createProgressStore({ storage: null, content: { lessons: LESSONS, questions: QUESTIONS } });
    const { session } = await launch(stub, store);
    store.markLessonRead(LESSON);
    // Two wrong of five: 60%, under the masteryScore.
    const correct = questions.slice(2).map((q) => q.id);
    store.recordAttempt(
      LESSON,
      questions.map((q) => q.id),
      correct,
    );
    await session.end();
    expect(verbs(stub)).toEqual(['initialized', 'failed', 'terminated']);
    expect(at(stub.statements[1]?.statement, 'result', 'success')).toBe(false);

    // A new session (a new token) on another browser: what the LRS keeps comes back into the store.
    const next = (lrs = await startLrs(launchData));
    next.states.set(PROGRESS_STATE_ID, stub.states.get(PROGRESS_STATE_ID));
    await stub.close();
    const elsewhere = createProgressStore({
      storage: null,
      content: { lessons: LESSONS, questions: QUESTIONS },
    });
    const { session: later } = await launch(next, elsewhere);
    expect(elsewhere.get().lessons[LESSON]).toBeDefined();
    expect(elsewhere.get().quizzes[LESSON]?.best?.correct).toEqual(correct);
    await later.end();
  });

  it('sends practice: a drill as answered (the diagnosis, hints, tries), a predict-mode score as experienced', async () => {
    const stub = (lrs = await startLrs(launchData));
    const store = createProgressStore({ storage: null, content: { lessons: LESSONS, questions: QUESTIONS } });
    const { session } = await launch(stub, store);
    const drill = {
      type: 'drill-completed',
      drill: '4',
      fault: 'as-iss-missing',
      party: 'as',
      rule: 'A-08',
      solved: true,
      hints: 1,
      attempts: 2,
    } as const;
    session.learn(drill);
    session.learn({ ...drill, drill: 'class-7', solved: false, attempts: 0 });
    const run = {
      scenario: 'client-credentials',
      registration: 'preregistered',
      seed: 'demo',
      attack: null,
    } as const;
    session.learn({ type: 'prediction-scored', run, correct: 5, total: 7, skipped: 1, phases: [] });
    session.learn({ type: 'prediction-scored', run, correct: 0, total: 0, skipped: 4, phases: [] });
    await session.end();

    expect(verbs(stub)).toEqual([
      'initialized',
      'answered',
      'answered',
      'experienced',
      'experienced',
      'terminated',
    ]);
    const [, solved, shown, scored, skipped] = stub.statements.map((s) => s.statement);
    expect(categories(solved)).toEqual([]);
    expect(at(solved, 'object', 'id')).toBe(`${ACTIVITY}/practice/4`);
    expect(at(solved, 'object', 'definition', 'interactionType')).toBe('other');
    expect(at(solved, 'object', 'definition', 'correctResponsesPattern')).toEqual(['as:A-08']);
    expect(at(solved, 'context', 'contextActivities', 'parent', 0, 'id')).toBe(`${ACTIVITY}/practice`);
    expect(at(solved, 'result')).toEqual({
      response: 'as:A-08',
      success: true,
      completion: true,
      extensions: { [`${ACTIVITY}/extensions/hints`]: 1, [`${ACTIVITY}/extensions/attempts`]: 2 },
    });
    expect(at(shown, 'object', 'id')).toBe(`${ACTIVITY}/practice/class-7`);
    expect(at(shown, 'result', 'success')).toBe(false);
    expect(at(shown, 'result', 'response')).toBeUndefined();
    expect(at(scored, 'object', 'id')).toBe(`${ACTIVITY}/predict/client-credentials/preregistered`);
    expect(at(scored, 'result', 'score')).toEqual({ scaled: 5 / 7, raw: 5, min: 0, max: 7 });
    expect(at(scored, 'result', 'response')).toBe('5/7');
    expect(at(scored, 'result', 'extensions')).toEqual({ [`${ACTIVITY}/extensions/skipped`]: 1 });
    expect(at(skipped, 'result', 'score')).toBeUndefined();
    // The template and registration, as on every statement.
    expect(at(scored, 'context', 'registration')).toBe(REGISTRATION);
    expect(at(scored, 'context', 'extensions', SESSION)).toBe('session-1');
  });
});
