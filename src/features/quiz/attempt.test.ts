import { describe, expect, it } from 'vitest';
import { parseSimHref } from '../../content/links';
import { QUESTIONS } from '../../content/load';
import type { ChoiceQuestion, OrderQuestion, QuestionLink } from '../../content/schema';
import { createRng, shuffle } from '../../sim/world/random';
import { correctAnswerIndex, grade, isInOrder, move, prepareAttempt, scramble, score } from './attempt';
import { questionSimHref, questionSimLabel } from '../../course/questionLinks';

const choice = QUESTIONS.find((question): question is ChoiceQuestion => question.kind === 'choice');
const order = QUESTIONS.find((question): question is OrderQuestion => question.kind === 'order');
if (!choice || !order) throw new Error('the content has both kinds of question');

describe('prepareAttempt', () => {
  it('reproduces an attempt from its seed and shuffles differently for other seeds', () => {
    const a = prepareAttempt(QUESTIONS, 'seed-a');
    expect(prepareAttempt(QUESTIONS, 'seed-a')).toEqual(a);
    const b = prepareAttempt(QUESTIONS, 'seed-b');
    expect(b).not.toEqual(a);
  });

  it('shows every answer once and scrambles every order question out of order', () => {
    for (const seed of ['1', '2', '3', '4', '5']) {
      for (const item of prepareAttempt(QUESTIONS, seed)) {
        if (item.kind === 'choice') {
          expect([...item.order].sort()).toEqual([0, 1, 2, 3]);
        } else {
          expect([...item.start].sort()).toEqual(item.question.items.map((_, index) => index));
          expect(isInOrder(item.start)).toBe(false);
        }
      }
    }
  });

  it('puts the correct answer in different places across attempts', () => {
    const positions = new Set<number>();
    for (let n = 0; n < 40; n++) {
      const [item] = prepareAttempt([choice], `attempt-${n}`);
      if (item?.kind === 'choice') positions.add(item.order.indexOf(correctAnswerIndex(choice)));
    }
    expect(positions.size).toBe(4);
  });
});

describe('grading', () => {
  const [choiceItem, orderItem] = prepareAttempt([choice, order], 'grading');
  if (!choiceItem || !orderItem) throw new Error('two items');

  it('grades a choice by the chosen answer', () => {
    expect(grade(choiceItem, { kind: 'choice', chosen: correctAnswerIndex(choice) })).toBe(true);
    expect(grade(choiceItem, { kind: 'choice', chosen: (correctAnswerIndex(choice) + 1) % 4 })).toBe(false);
    expect(grade(choiceItem, { kind: 'choice', chosen: 9 })).toBe(false);
  });

  it('grades an order question only when every item is in place', () => {
    const right = order.items.map((_, index) => index);
    expect(grade(orderItem, { kind: 'order', arrangement: right })).toBe(true);
    expect(grade(orderItem, { kind: 'order', arrangement: move(right, 0, 1) })).toBe(false);
    expect(grade(orderItem, { kind: 'order', arrangement: right.slice(1) })).toBe(false);
    expect(grade(orderItem, { kind: 'choice', chosen: 0 })).toBe(false);
  });

  it('scores results', () => {
    const answer = { kind: 'choice', chosen: 0 } as const;
    expect(score([{ answer, correct: true }, { answer, correct: false }, undefined])).toEqual({
      correct: 1,
      total: 3,
    });
  });
});

describe('move, shuffle and scramble', () => {
  it('moves an entry up or down and ignores moves past either end', () => {
    expect(move([0, 1, 2, 3], 2, -1)).toEqual([0, 2, 1, 3]);
    expect(move([0, 1, 2, 3], 0, 1)).toEqual([1, 0, 2, 3]);
    expect(move([0, 1, 2, 3], 0, -1)).toEqual([0, 1, 2, 3]);
    expect(move([0, 1, 2, 3], 3, 1)).toEqual([0, 1, 2, 3]);
  });

  it('shuffles a permutation deterministically', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'];
    const once = shuffle(items, createRng('x'));
    expect([...once].sort()).toEqual(items);
    expect(shuffle(items, createRng('x'))).toEqual(once);
  });

  it('never leaves two or more items in order', () => {
    for (let n = 0; n < 200; n++) expect(isInOrder(scramble(2, createRng(`s${n}`)))).toBe(false);
  });
});

describe('question links', () => {
  it('builds a valid simulator link for every question that names a place in a run', () => {
    for (const question of QUESTIONS) {
      const href = questionSimHref(question.link);
      expect(href, question.id).not.toBeNull();
      const parsed = parseSimHref(href ?? '');
      expect(parsed.ok, `${question.id}: ${href}`).toBe(true);
      if (parsed.ok) {
        expect(parsed.value.attack, question.id).toBe(question.link.attack);
        expect(parsed.value.scenario, question.id).toBe(question.link.scenario);
      }
    }
  });

  it('keeps the step and part, and names the step in its label', () => {
    const link: QuestionLink = {
      lesson: 'discovery',
      scenario: 'first-connection',
      reg: 'dcr',
      at: 'mcp-unauthenticated:response',
    };
    expect(questionSimHref(link)).toBe(
      '#/sim?scenario=first-connection&reg=dcr&at=mcp-unauthenticated:response',
    );
    expect(questionSimLabel(link)).toBe('“401 Unauthorized + WWW-Authenticate”');
    expect(questionSimLabel({ lesson: 'x', attack: 'mix-up', defence: 'on' })).toBe(
      'the mix-up attack, defence on',
    );
  });

  it('has no simulator link for a question that only links to its lesson', () => {
    expect(questionSimHref({ lesson: 'discovery' })).toBeNull();
    expect(questionSimLabel({ lesson: 'discovery' })).toBeNull();
  });
});
