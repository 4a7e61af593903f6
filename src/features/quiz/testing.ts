/**
 * Helpers for the quiz's component tests: find the question on screen in the content, answer it
 * right or wrong the way a learner would (radio + Check, or Move up presses + Check).
 */
import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { QUESTIONS } from '../../content/load';
import type { Question } from '../../content/schema';

export function currentQuestion(): { question: Question; article: HTMLElement } {
  const heading = screen.getByRole('heading', { level: 2, name: /^Question \d+ of \d+$/ });
  const article = heading.closest('article');
  const prompt = article?.querySelector('legend')?.textContent;
  const question = QUESTIONS.find((candidate) => candidate.prompt === prompt);
  if (!article || !question) throw new Error(`no question on screen for "${prompt ?? ''}"`);
  return { question, article };
}

/** The order items as they are shown now. */
export function shownOrder(article: HTMLElement): string[] {
  return [...article.querySelectorAll('.quiz-order__text')].map((item) => item.textContent ?? '');
}

/** Sorts an order question with the keyboard: focus a Move up button, press Enter. */
export async function sortByKeyboard(
  user: UserEvent,
  article: HTMLElement,
  items: readonly string[],
): Promise<void> {
  for (let target = 0; target < items.length; target++) {
    const text = items[target] ?? '';
    let position = shownOrder(article).indexOf(text);
    while (position > target) {
      within(article)
        .getByRole('button', { name: `Move up: ${text}` })
        .focus();
      await user.keyboard('{Enter}');
      position = shownOrder(article).indexOf(text);
    }
  }
}

/** Answers the question on screen and checks it (without going on to the next). */
export async function answerCurrent(user: UserEvent, correct: boolean): Promise<Question> {
  const { question, article } = currentQuestion();
  if (question.kind === 'choice') {
    const answer = question.answers.find((candidate) => candidate.correct === correct);
    if (!answer) throw new Error('no such answer');
    await user.click(within(article).getByRole('radio', { name: answer.text }));
    await user.click(within(article).getByRole('button', { name: 'Check answer' }));
  } else {
    // A fresh order question is never in order, so checking it unchanged is a wrong answer.
    if (correct) await sortByKeyboard(user, article, question.items);
    await user.click(within(article).getByRole('button', { name: 'Check order' }));
  }
  return question;
}

/** Answers the question on screen and moves on. */
export async function answerAndContinue(user: UserEvent, correct: boolean): Promise<Question> {
  const question = await answerCurrent(user, correct);
  await user.click(screen.getByRole('button', { name: /^(Next question|See your results)$/ }));
  return question;
}

/**
 * An address bar in memory (the shell's is in app/router): what the quiz wrote, and `go` to change
 * it the way an edited address bar does.
 */
export function memoryAddress(quiz: string, question: string | null = null) {
  let named: { quiz: string; question: string | null } = { quiz, question };
  const listeners = new Set<() => void>();
  const address = {
    /** Every question id written, in order (null: q removed). */
    writes: [] as (string | null)[],
    read: () => named,
    write(target: string, questionId: string | null) {
      if (target !== named.quiz || questionId === named.question) return;
      named = { quiz: target, question: questionId };
      address.writes.push(questionId);
    },
    subscribe(onChange: () => void) {
      listeners.add(onChange);
      return () => void listeners.delete(onChange);
    },
    go(target: string, questionId: string | null) {
      named = { quiz: target, question: questionId };
      for (const listener of listeners) listener();
    },
  };
  return address;
}
