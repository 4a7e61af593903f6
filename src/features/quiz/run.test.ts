import { describe, expect, it } from 'vitest';
import { LESSONS, QUESTIONS, finalExam, questionsFor } from '../../content/load';
import { createRng } from '../../sim/world/random';
import {
  includeQuestion,
  initialRun,
  nextUnanswered,
  openAttempt,
  runReducer,
  type Draw,
  type RunState,
} from './run';
import { questionHref } from '../../course/questionLinks';

const lesson = questionsFor('pkce-and-request');
const fixed: Draw = () => lesson;
const ids = (state: Pick<RunState, 'items'>) => state.items.map((item) => item.question.id);
const answered = { answer: { kind: 'choice', chosen: 0 }, correct: true } as const;

describe('opening an attempt at a question', () => {
  it('opens at the question a link names, by id, whatever the shuffle', () => {
    for (const seed of ['a', 'b', 'c']) {
      const opening = openAttempt(seed, fixed, lesson, 'pkce-and-request-4');
      expect(opening.items[opening.index]?.question.id).toBe('pkce-and-request-4');
      expect(opening.index).toBe(3);
      expect(opening.missing).toBeNull();
    }
  });

  it('opens at the first question without a link, and remembers an id the quiz does not have', () => {
    expect(openAttempt('a', fixed, lesson, null)).toMatchObject({ index: 0, missing: null });
    expect(openAttempt('a', fixed, lesson, 'no-such-question')).toMatchObject({
      index: 0,
      missing: 'no-such-question',
    });
    // Another lesson's question is not this quiz's.
    expect(openAttempt('a', fixed, lesson, 'discovery-2')).toMatchObject({
      index: 0,
      missing: 'discovery-2',
    });
    expect(ids(openAttempt('a', fixed, lesson, 'discovery-2'))).toEqual(lesson.map((q) => q.id));
  });

  it('puts a linked question into a drawn exam, which keeps its size and a question from every lesson', () => {
    const draw: Draw = (seed, linked) => includeQuestion(finalExam(createRng(seed), 20), linked);
    for (const question of QUESTIONS) {
      const opening = openAttempt(`exam-${question.id}`, draw, QUESTIONS, question.id);
      expect(opening.items[opening.index]?.question.id, question.id).toBe(question.id);
      expect(opening.items).toHaveLength(20);
      expect(new Set(ids(opening)).size).toBe(20);
      expect(new Set(opening.items.map((item) => item.question.lesson)).size).toBe(LESSONS.length);
    }
  });

  it('leaves a draw that already has the question as it was', () => {
    const drawn = finalExam(createRng('x'), 20);
    const [first] = drawn;
    if (!first) throw new Error('an exam has questions');
    expect(includeQuestion(drawn, first)).toEqual(drawn);
    expect(includeQuestion(drawn, null)).toEqual(drawn);
  });
});

describe('moving through an attempt opened in the middle', () => {
  it('goes on to the end, then wraps round to the questions before, then finishes', () => {
    let state = initialRun(openAttempt('s', fixed, lesson, 'pkce-and-request-5'));
    const visited: number[] = [];
    for (;;) {
      visited.push(state.index);
      state = runReducer(state, { type: 'answer', result: answered });
      if (nextUnanswered(state) === null) break;
      state = runReducer(state, { type: 'next' });
    }
    expect(visited).toEqual([...lesson.keys()].map((i) => (i + 4) % lesson.length));
    expect(state.results.filter(Boolean)).toHaveLength(lesson.length);
    expect(state.shown).toBe(lesson.length);
  });

  it('opens another question of the attempt, keeping the answers given', () => {
    let state = initialRun(openAttempt('s', fixed, lesson, null));
    state = runReducer(state, { type: 'answer', result: answered });
    state = runReducer(state, { type: 'open', index: 3 });
    expect(state).toMatchObject({ index: 3, shown: 2 });
    expect(state.results[0]).toEqual(answered);
    expect(nextUnanswered(state)).toBe(4);
    expect(runReducer(state, { type: 'open', index: 3 })).toBe(state);
    expect(runReducer(state, { type: 'open', index: 99 })).toBe(state);
  });

  it('says once that a link named an unknown question, until the learner moves on', () => {
    let state = initialRun(openAttempt('s', fixed, lesson, 'nope'));
    expect(state.missing).toBe('nope');
    state = runReducer(state, { type: 'answer', result: answered });
    expect(state.missing).toBe('nope');
    state = runReducer(state, { type: 'next' });
    expect(state.missing).toBeNull();
    state = runReducer(state, { type: 'missing', id: 'again' });
    expect(state.missing).toBe('again');
  });

  it('starts the next attempt afresh', () => {
    let state = initialRun(openAttempt('s', fixed, lesson, 'pkce-and-request-3'));
    state = runReducer(state, { type: 'answer', result: answered });
    state = runReducer(state, { type: 'restart', opening: openAttempt('t', fixed, lesson, null) });
    expect(state).toMatchObject({ seed: 't', attempt: 2, index: 0, shown: 1, results: [], finished: false });
  });
});

describe('questionHref', () => {
  it('names the question by id', () => {
    expect(questionHref('pkce-and-request', 'pkce-and-request-3')).toBe(
      '#/quiz/pkce-and-request?q=pkce-and-request-3',
    );
    expect(questionHref('exam', 'a b&c')).toBe('#/quiz/exam?q=a%20b%26c');
  });
});
