/**
 * One attempt at a quiz, as plain data: the questions with their answers shuffled (choice) or their
 * items scrambled (order), from a seed, so the same seed gives the same attempt and a fresh seed a
 * fresh one. Grading and reordering are pure functions the components call.
 */
import type { ChoiceQuestion, OrderQuestion, Question } from '../../content/schema';
import { createRng, shuffle, type Rng } from '../../sim/world/random';
import type { Answer } from '../../course/progress';
import { correctAnswerIndex } from '../../content/questions';

export type AttemptItem =
  | {
      kind: 'choice';
      question: ChoiceQuestion;
      /** Indexes into question.answers, in display order. */ order: number[];
    }
  | {
      kind: 'order';
      question: OrderQuestion;
      /** Indexes into question.items, as first shown. */ start: number[];
    };

export type { Answer };

export interface Result {
  answer: Answer;
  correct: boolean;
}

/** A fresh seed for each attempt (time plus a counter, so two attempts in one millisecond differ). */
let seedCounter = 0;
export function newSeed(): string {
  seedCounter += 1;
  return `${Date.now().toString(36)}-${seedCounter}`;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, index) => index);

export function isInOrder(arrangement: readonly number[]): boolean {
  return arrangement.every((item, position) => item === position);
}

/** A scrambled arrangement of n items that is never already in order (n ≥ 2). */
export function scramble(n: number, rng: Pick<Rng, 'nextUint32'>): number[] {
  const arrangement = shuffle(range(n), rng);
  if (n >= 2 && isInOrder(arrangement)) arrangement.reverse();
  return arrangement;
}

export function prepareAttempt(questions: readonly Question[], seed: string): AttemptItem[] {
  return questions.map((question) => {
    // One stream per question: adding a question never reshuffles the others.
    const rng = createRng(`${seed}/${question.id}`);
    return question.kind === 'choice'
      ? { kind: 'choice', question, order: shuffle(range(question.answers.length), rng) }
      : { kind: 'order', question, start: scramble(question.items.length, rng) };
  });
}

export function grade(item: AttemptItem, answer: Answer): boolean {
  if (item.kind === 'choice' && answer.kind === 'choice') {
    return item.question.answers[answer.chosen]?.correct === true;
  }
  if (item.kind === 'order' && answer.kind === 'order') {
    return answer.arrangement.length === item.question.items.length && isInOrder(answer.arrangement);
  }
  return false;
}

/** Moves the entry at `from` by `delta` places; out-of-range moves return the arrangement unchanged. */
export function move(arrangement: readonly number[], from: number, delta: number): number[] {
  const to = from + delta;
  if (from < 0 || from >= arrangement.length || to < 0 || to >= arrangement.length) return [...arrangement];
  const out = [...arrangement];
  const [entry] = out.splice(from, 1);
  if (entry !== undefined) out.splice(to, 0, entry);
  return out;
}

export { correctAnswerIndex };

export function score(results: readonly (Result | undefined)[]): { correct: number; total: number } {
  return { correct: results.filter((result) => result?.correct).length, total: results.length };
}
