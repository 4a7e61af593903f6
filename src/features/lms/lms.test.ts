// @vitest-environment happy-dom
// The platform-neutral parts of features/lms: how a launch is recognised, what a SCO covers and how
// its state is read from progress, the suspend data, the SCORM value formats, and the page policy check.
import { describe, expect, it } from 'vitest';
import { LESSONS, QUESTIONS } from '../../content/load';
import { EXAM_KEY, emptyProgress, type StoredProgress } from '../../course/progress';
import { readLaunch, startRoute } from './launch';
import { scopeOf, scoState } from './scope';
import { decodeSnapshot, encodeSnapshot, joinSnapshot, takeSnapshot } from './snapshot';
import { duration2004, readPassingScore, reportPairs, time2004, timespan12 } from './scorm/values';
import { connectAllowed } from './xapi/policy';
import { answerRecord } from './answers';

function page(metas: Record<string, string>): Document {
  const doc = document.implementation.createHTMLDocument('x');
  for (const [name, content] of Object.entries(metas)) {
    const meta = doc.createElement('meta');
    meta.setAttribute('name', name);
    meta.setAttribute('content', content);
    doc.head.append(meta);
  }
  return doc;
}

const progress = (lessons: string[], quizzes: Record<string, [number, number]>): StoredProgress => {
  const p = emptyProgress('x');
  for (const id of lessons) p.lessons[id] = { readAt: 1 };
  for (const [quiz, [correct, total]] of Object.entries(quizzes)) {
    const asked = Array.from({ length: total }, (_, i) => `${quiz}-${i + 1}`);
    p.quizzes[quiz] = { attempts: 1, best: { asked, correct: asked.slice(0, correct), at: 1 } };
  }
  return p;
};

describe('launch', () => {
  it('is a SCORM launch only with the package’s meta tags, cmi5 or xAPI only with their whole parameter set', () => {
    expect(readLaunch(page({}), '')).toBeNull();
    expect(readLaunch(page({}), '?endpoint=https://lrs.example/&actor=%7B%7D')).toBeNull();
    expect(readLaunch(page({ 'mcp-sim-lms': 'scorm-2004', 'mcp-sim-sco': 'exam' }), '')).toEqual({
      kind: 'scorm',
      version: '2004',
      sco: 'exam',
    });
    const cmi5 =
      '?endpoint=https://lrs.example/&fetch=https://lms.example/t&actor=%7B%7D&registration=r&activityId=a';
    expect(readLaunch(page({}), cmi5)).toMatchObject({ kind: 'cmi5', sco: 'course' });
    expect(readLaunch(page({}), '?endpoint=https://lrs.example/&auth=Basic%20x&actor=%7B%7D')).toMatchObject({
      kind: 'xapi',
    });
  });

  it('opens a lesson SCO and the exam locked in their place, the course at the lessons', () => {
    expect(startRoute('lesson:discovery')).toBe('#/lessons/discovery?embed=1&lock=1');
    expect(startRoute('exam')).toBe('#/quiz/exam?embed=1&lock=1');
    expect(startRoute('course')).toBe('#/lessons');
  });
});

describe('scope and state', () => {
  it('a lesson SCO is complete when the lesson is read and its quiz passed, at the LMS’s passing score', () => {
    const scope = scopeOf('lesson:discovery', LESSONS);
    if (!scope) throw new Error('no scope');
    expect(scoState(scope, progress([], {}))).toMatchObject({
      completed: false,
      success: 'unknown',
      score: null,
    });
    expect(scoState(scope, progress(['discovery'], { discovery: [6, 7] }))).toMatchObject({
      completed: true,
      success: 'passed',
      score: { correct: 6, total: 7, percent: 86 },
    });
    expect(scoState(scope, progress(['discovery'], { discovery: [6, 7] }), 0.9)).toMatchObject({
      completed: false,
      success: 'failed',
    });
    expect(scopeOf('lesson:nope', LESSONS)).toBeNull();
  });

  it('the course needs every lesson and quiz; its score is the exam’s', () => {
    const scope = scopeOf('course', LESSONS);
    if (!scope) throw new Error('no scope');
    const all = LESSONS.map((l) => l.id);
    const quizzes = Object.fromEntries(all.map((id): [string, [number, number]] => [id, [5, 5]]));
    expect(scoState(scope, progress(all, quizzes))).toMatchObject({ completed: false, success: 'unknown' });
    expect(scoState(scope, progress(all, { ...quizzes, [EXAM_KEY]: [18, 20] }))).toMatchObject({
      completed: true,
      success: 'passed',
      score: { percent: 90 },
      progress: 1,
    });
  });
});

describe('suspend data', () => {
  it('round-trips, and the whole course at its longest fits SCORM 1.2’s 4,096 characters', () => {
    const scope = scopeOf('course', LESSONS);
    if (!scope) throw new Error('no scope');
    const p = emptyProgress('x');
    for (const lesson of LESSONS) p.lessons[lesson.id] = { readAt: 1 };
    for (const quiz of scope.quizzes) {
      // The exam at its largest draw, with the longest ids; every lesson quiz whole.
      const pool =
        quiz === EXAM_KEY
          ? [...QUESTIONS].sort((a, b) => b.id.length - a.id.length).slice(0, 20)
          : QUESTIONS.filter((q) => q.lesson === quiz);
      const asked = pool.map((q) => q.id);
      p.quizzes[quiz] = { attempts: 1, best: { asked, correct: asked.filter((_, i) => i % 2 === 0), at: 1 } };
    }
    const snapshot = takeSnapshot(scope, p);
    const text = encodeSnapshot(snapshot);
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(decodeSnapshot(text)).toEqual(snapshot);
  });

  it('reads nothing from anything else, and joins to the better of what was told and what the store holds', () => {
    for (const raw of [
      '',
      'null',
      '{"v":2}',
      '{"v":1,"l":[1],"q":{}}',
      '{"v":1,"l":[],"q":{"a":[["1"],"11"]}}',
    ]) {
      const decoded = decodeSnapshot(raw);
      expect(decoded === null || Object.keys(decoded.quizzes).length === 0).toBe(true);
    }
    const scope = scopeOf('lesson:discovery', LESSONS);
    if (!scope) throw new Error('no scope');
    const told = takeSnapshot(scope, progress(['discovery'], { discovery: [7, 7] }));
    const joined = joinSnapshot(scope, told, progress([], { discovery: [2, 7] }));
    expect(joined.lessons).toEqual(['discovery']);
    expect(joined.quizzes.discovery?.correct).toHaveLength(7);
  });
});

describe('SCORM values', () => {
  it('formats times as each version’s data model types them', () => {
    expect(timespan12(0)).toBe('00:00:00.00');
    expect(timespan12(3_723_450)).toBe('01:02:03.45');
    expect(timespan12(360_000_000)).toBe('0100:00:00.00');
    expect(duration2004(0)).toBe('PT0S');
    expect(duration2004(3_723_450)).toBe('PT1H2M3.45S');
    expect(time2004(new Date('2026-03-04T05:06:07.891Z'))).toBe('2026-03-04T05:06:07.89Z');
    expect(readPassingScore('1.2', '75')).toBe(0.75);
    expect(readPassingScore('2004', '0.9')).toBe(0.9);
    expect(readPassingScore('2004', '')).toBeNull();
    expect(readPassingScore('1.2', '300')).toBeNull();
  });

  it('1.2 carries one status: passed once complete, failed as soon as the quiz is, else incomplete', () => {
    const status = (state: Parameters<typeof reportPairs>[1]['state']) =>
      new Map(reportPairs('1.2', { state, location: null, suspendData: '', sessionMs: 0 })).get(
        'cmi.core.lesson_status',
      );
    const score = { correct: 4, total: 5, scaled: 0.8, percent: 80 };
    expect(status({ completed: true, success: 'passed', score, progress: 1 })).toBe('passed');
    expect(status({ completed: false, success: 'passed', score, progress: 0.5 })).toBe('incomplete');
    expect(status({ completed: false, success: 'failed', score, progress: 0.5 })).toBe('failed');
    expect(status({ completed: false, success: 'unknown', score: null, progress: 0 })).toBe('incomplete');
  });

  it('names choices and ordered items by letters in authored order', () => {
    const order = QUESTIONS.find((q) => q.kind === 'order');
    if (!order || order.kind !== 'order') throw new Error('no order question');
    const record = answerRecord(order, {
      kind: 'order',
      arrangement: [1, 0, ...order.items.slice(2).map((_, i) => i + 2)],
    });
    expect(record?.type).toBe('sequencing');
    expect(record?.response.slice(0, 2)).toEqual(['b', 'a']);
    expect(record?.correctResponse[0]).toBe('a');
    expect(answerRecord(order, { kind: 'choice', chosen: 0 })).toBeNull();
  });
});

describe('the page policy check', () => {
  const self = new URL('https://course.example.edu/sim/index.html');
  const tight = "default-src 'self'; img-src 'self' data:";
  it('the site’s own policy reaches only its own origin', () => {
    expect(connectAllowed(tight, new URL('https://course.example.edu/lrs/'), self)).toBe(true);
    expect(connectAllowed(tight, new URL('https://lrs.example.edu/xapi/'), self)).toBe(false);
  });
  it('a cmi5 launch page’s policy reaches what it names, and nothing else', () => {
    expect(
      connectAllowed(`${tight}; connect-src 'self' https:`, new URL('https://lrs.example.edu/x'), self),
    ).toBe(true);
    expect(
      connectAllowed(`${tight}; connect-src 'self' https:`, new URL('http://lrs.example.edu/x'), self),
    ).toBe(false);
    const pinned = `${tight}; connect-src 'self' https://lrs.example.edu http://127.0.0.1:*`;
    expect(connectAllowed(pinned, new URL('https://lrs.example.edu/xapi/'), self)).toBe(true);
    expect(connectAllowed(pinned, new URL('https://evil.example/xapi/'), self)).toBe(false);
    expect(connectAllowed(pinned, new URL('http://127.0.0.1:8123/xapi/'), self)).toBe(true);
    expect(connectAllowed(`${tight}; connect-src 'none'`, new URL('https://course.example.edu/'), self)).toBe(
      false,
    );
    expect(connectAllowed(null, new URL('https://any.example/'), self)).toBe(true);
  });
});
