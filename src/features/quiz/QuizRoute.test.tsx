// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LESSONS, QUESTIONS, questionsFor } from '../../content/load';
import {
  PROGRESS_KEY,
  PROGRESS_VERSION,
  createProgressStore,
  type ProgressEvent,
} from '../../course/progress';
import type { QuestionAddress } from '../../course/questionLinks';
import QuizRoute from './QuizRoute';
import { answerAndContinue, answerCurrent, currentQuestion, memoryAddress, shownOrder } from './testing';

const content = { lessons: LESSONS, questions: QUESTIONS };
const freshStore = () => createProgressStore({ storage: window.localStorage, content });

beforeEach(() => window.localStorage.clear());
afterEach(cleanup);

function renderQuiz(
  props: { lessonId?: string; exam?: boolean; questionId?: string; address?: QuestionAddress } = {},
) {
  const navigate = vi.fn();
  const events: ProgressEvent[] = [];
  const store = freshStore();
  const view = render(
    <QuizRoute
      {...props}
      navigate={navigate}
      onProgress={(event) => events.push(event)}
      progressStore={store}
      seed="test"
    />,
  );
  return { navigate, events, store, user: userEvent.setup(), ...view };
}

const liveRegion = () => document.querySelector('[aria-live="polite"]');

describe('a lesson quiz', () => {
  it('shows the first question as a labelled radio group with four answers', () => {
    renderQuiz({ lessonId: 'why-authorization' });
    expect(screen.getByRole('heading', { level: 1, name: /^Quiz: Why authorization matters/ })).toHaveFocus();
    const { question, article } = currentQuestion();
    expect(question.id).toBe('why-authorization-1');
    const group = within(article).getByRole('group', { name: question.prompt });
    expect(within(group).getAllByRole('radio')).toHaveLength(4);
    expect(screen.getByRole('heading', { name: 'Question 1 of 5' })).toBeInTheDocument();
  });

  it('says so when Check is pressed with nothing chosen', async () => {
    const { user, events } = renderQuiz({ lessonId: 'why-authorization' });
    await user.click(screen.getByRole('button', { name: 'Check answer' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose an answer first.');
    expect(events).toEqual([]);
  });

  it('answers right: confirms it, shows the answer’s feedback, moves focus and announces', async () => {
    const { user, events } = renderQuiz({ lessonId: 'why-authorization' });
    const question = await answerCurrent(user, true);
    if (question.kind !== 'choice') throw new Error('choice expected');
    const right = question.answers.find((answer) => answer.correct);
    const feedback = screen.getByRole('region', { name: 'Feedback' });
    expect(within(feedback).getByRole('heading', { name: /Correct/ })).toHaveFocus();
    expect(feedback).toHaveTextContent(right?.feedback ?? 'missing');
    expect(feedback).not.toHaveTextContent('The correct answer:');
    expect(liveRegion()).toHaveTextContent('Correct.');
    expect(events).toEqual([
      {
        type: 'quiz-answered',
        quiz: 'why-authorization',
        questionId: question.id,
        correct: true,
        answer: { kind: 'choice', chosen: right ? question.answers.indexOf(right) : -1 },
        latencyMs: expect.any(Number) as unknown,
      },
    ]);
    // The answers are locked once checked (the fieldset is disabled).
    for (const radio of screen.getAllByRole('radio')) expect(radio).toBeDisabled();
  });

  it('answers wrong: shows the chosen answer’s feedback and the correct answer with its feedback', async () => {
    const { user, events } = renderQuiz({ lessonId: 'why-authorization' });
    const question = await answerCurrent(user, false);
    if (question.kind !== 'choice') throw new Error('choice expected');
    const chosen = question.answers.find((answer) => !answer.correct);
    const right = question.answers.find((answer) => answer.correct);
    const feedback = screen.getByRole('region', { name: 'Feedback' });
    expect(within(feedback).getByRole('heading', { name: /Not quite/ })).toHaveFocus();
    expect(feedback).toHaveTextContent(chosen?.feedback ?? 'missing');
    expect(feedback).toHaveTextContent(`The correct answer: ${right?.text ?? 'missing'}`);
    expect(feedback).toHaveTextContent(right?.feedback ?? 'missing');
    expect(liveRegion()).toHaveTextContent('Not quite.');
    expect(events[0]).toMatchObject({ type: 'quiz-answered', correct: false });
  });

  it('scores a finished quiz, reviews the wrong answers with links back, records and reports it', async () => {
    const { user, events, navigate, store } = renderQuiz({ lessonId: 'why-authorization' });
    const pattern = [true, false, true, false, true];
    const asked = [];
    for (const correct of pattern) asked.push(await answerAndContinue(user, correct));

    const heading = screen.getByRole('heading', { level: 2, name: 'Your score: 3 of 5' });
    expect(heading).toHaveFocus();
    expect(screen.getByText(/60%/)).toHaveTextContent('Not passed yet: 80% passes');
    expect(liveRegion()).toHaveTextContent('Quiz finished: 3 of 5 correct.');

    const review = screen.getByRole('heading', { name: 'Review your wrong answers' })
      .nextElementSibling as HTMLElement;
    const items = within(review)
      .getAllByRole('listitem')
      .filter((item) => item.parentElement === review);
    expect(items).toHaveLength(2);
    const [second, fourth] = [asked[1], asked[3]];
    if (second?.kind !== 'choice' || fourth?.kind !== 'choice') throw new Error('choice questions expected');
    expect(items[0]).toHaveTextContent(`Question 2: ${second.prompt}`);
    expect(items[0]).toHaveTextContent(
      second.answers.find((answer) => answer.correct)?.feedback ?? 'missing',
    );
    expect(items[1]).toHaveTextContent(`Question 4: ${fourth.prompt}`);

    await user.click(within(items[0] as HTMLElement).getByRole('link', { name: /^Read the lesson/ }));
    expect(navigate).toHaveBeenLastCalledWith('#/lessons/why-authorization');
    await user.click(within(items[1] as HTMLElement).getByRole('link', { name: /^See it in the simulator/ }));
    const link = fourth.link;
    expect(navigate).toHaveBeenLastCalledWith(
      `#/sim?scenario=${link.scenario ?? ''}&reg=${link.reg ?? ''}&at=${link.at ?? ''}`,
    );

    expect(events.filter((event) => event.type === 'quiz-answered')).toHaveLength(5);
    expect(events.at(-1)).toEqual({
      type: 'quiz-scored',
      quiz: 'why-authorization',
      correct: 3,
      total: 5,
      passed: false,
    });
    expect(store.get().quizzes['why-authorization']?.best?.correct).toEqual([
      asked[0]?.id,
      asked[2]?.id,
      asked[4]?.id,
    ]);
  });

  it('retries with a fresh attempt and keeps the best score', async () => {
    const { user } = renderQuiz({ lessonId: 'why-authorization' });
    for (let n = 0; n < 5; n++) await answerAndContinue(user, n < 4);
    expect(screen.getByRole('heading', { name: 'Your score: 4 of 5' })).toBeInTheDocument();
    expect(screen.getByText(/✓ Passed/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Retry this quiz' }));
    expect(screen.getByRole('heading', { name: 'Question 1 of 5' })).toHaveFocus();
    expect(screen.getByText('0 correct so far')).toBeInTheDocument();
    for (let n = 0; n < 5; n++) await answerAndContinue(user, n === 0);
    expect(screen.getByRole('heading', { name: 'Your score: 1 of 5' })).toBeInTheDocument();
    expect(screen.getByText(/Best score: 4 of 5 · 2 attempts/)).toBeInTheDocument();
  });

  it('reorders an order question with the keyboard, keeping focus on the moved item', async () => {
    const { user } = renderQuiz({ lessonId: 'discovery' });
    const { question, article } = currentQuestion();
    if (question.kind !== 'order') throw new Error('order question expected');
    expect(within(article).getByText(/Use the Move up and Move down buttons/)).toBeInTheDocument();
    const before = shownOrder(article);
    expect(before).not.toEqual(question.items);
    const second = before[1] ?? '';

    within(article)
      .getByRole('button', { name: `Move up: ${second}` })
      .focus();
    await user.keyboard('{Enter}');
    expect(shownOrder(article).slice(0, 2)).toEqual([second, before[0]]);
    expect(within(article).getByRole('button', { name: `Move up: ${second}` })).toHaveFocus();
    expect(liveRegion()).toHaveTextContent(`Moved “${second}” to position 1 of ${before.length}.`);

    // At the top, Move up does nothing (and says it is unavailable); Space moves it down again.
    expect(within(article).getByRole('button', { name: `Move up: ${second}` })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await user.keyboard('{Enter}');
    expect(shownOrder(article)[0]).toBe(second);
    within(article)
      .getByRole('button', { name: `Move down: ${second}` })
      .focus();
    await user.keyboard(' ');
    expect(shownOrder(article)).toEqual(before);
    expect(within(article).getByRole('button', { name: `Move down: ${second}` })).toHaveFocus();
  });

  it('checks a correctly sorted order question as right, and an unsorted one as wrong with the right order', async () => {
    const first = renderQuiz({ lessonId: 'discovery' });
    await answerCurrent(first.user, true);
    expect(screen.getByRole('heading', { name: /Correct/ })).toHaveFocus();
    expect(first.events[0]).toMatchObject({ questionId: 'discovery-1', correct: true });
    cleanup();

    const second = renderQuiz({ lessonId: 'discovery' });
    const { question } = currentQuestion();
    if (question.kind !== 'order') throw new Error('order question expected');
    await answerCurrent(second.user, false);
    const feedback = screen.getByRole('region', { name: 'Feedback' });
    expect(within(feedback).getByRole('heading', { name: /Not quite/ })).toBeInTheDocument();
    const rightOrder = within(feedback)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(rightOrder).toEqual(question.items);
    expect(feedback).toHaveTextContent(question.feedback);
    expect(screen.getAllByText(/belongs at position|in the right place/).length).toBe(question.items.length);
  });

  it('says when a lesson does not exist', () => {
    renderQuiz({ lessonId: 'no-such-lesson' });
    expect(screen.getByRole('heading', { level: 1, name: 'Quiz not found' })).toBeInTheDocument();
  });
});

describe('the final exam', () => {
  it('draws 20 questions from across the lessons', async () => {
    const { user } = renderQuiz({ exam: true });
    expect(screen.getByRole('heading', { level: 1, name: 'Final exam' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Question 1 of 20' })).toBeInTheDocument();
    const lessons = new Set<string>();
    for (let n = 0; n < 20; n++) lessons.add((await answerAndContinue(user, true)).lesson);
    expect(lessons.size).toBe(LESSONS.length);
    expect(screen.getByRole('heading', { name: 'Your score: 20 of 20' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Take another exam' })).toBeInTheDocument();
  });

  it('is also reached as lessonId "exam"', () => {
    renderQuiz({ lessonId: 'exam' });
    expect(screen.getByRole('heading', { level: 1, name: 'Final exam' })).toBeInTheDocument();
  });
});

describe('the quiz index and saved progress', () => {
  it('lists every lesson quiz with its question count', () => {
    renderQuiz();
    const list = screen.getByRole('heading', { name: 'Lesson quizzes' }).nextElementSibling as HTMLElement;
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(LESSONS.length);
    expect(items[3]).toHaveTextContent(`4. ${LESSONS[3]?.title ?? ''}`);
    expect(items[3]).toHaveTextContent(`${questionsFor('discovery').length} questions · Not attempted`);
  });

  it('shows a best score saved by a finished quiz after a reload, with the default store', async () => {
    const user = userEvent.setup();
    const first = render(<QuizRoute lessonId="why-authorization" navigate={vi.fn()} />);
    for (let n = 0; n < 5; n++) await answerAndContinue(user, n !== 2);
    first.unmount();
    expect(JSON.parse(window.localStorage.getItem(PROGRESS_KEY) ?? 'null')).toMatchObject({
      version: PROGRESS_VERSION,
      quizzes: { 'why-authorization': { attempts: 1 } },
    });

    render(<QuizRoute navigate={vi.fn()} />);
    const link = screen.getByRole('link', { name: `1. ${LESSONS[0]?.title ?? ''}` });
    expect(link.closest('li')).toHaveTextContent('Best score: 4 of 5 · ✓ Passed');
  });

  it('survives corrupted storage, says so, and repairs it on OK', async () => {
    window.localStorage.setItem(PROGRESS_KEY, '{"version":1,"quizzes":');
    const { user } = renderQuiz();
    expect(screen.getByText(/could not be read/)).toBeInTheDocument();
    expect(screen.getAllByText(/Not attempted/)).toHaveLength(LESSONS.length);
    await user.click(screen.getByRole('button', { name: 'OK' }));
    expect(screen.queryByText(/could not be read/)).toBeNull();
    expect(JSON.parse(window.localStorage.getItem(PROGRESS_KEY) ?? 'null')).toMatchObject({
      version: PROGRESS_VERSION,
    });
  });

  it('shows what it can read of progress a newer version saved, and says so', () => {
    window.localStorage.setItem(
      PROGRESS_KEY,
      JSON.stringify({
        version: PROGRESS_VERSION + 1,
        quizzes: {
          discovery: { attempts: 1, best: { asked: ['discovery-1'], correct: ['discovery-1'], at: 1 } },
        },
      }),
    );
    renderQuiz();
    expect(screen.getByText(/written by a newer version of this course/)).toBeInTheDocument();
    // Its quiz results keep their shape: the discovery result is read (migrated), the rest untouched.
    expect(screen.getAllByText(/Not attempted/)).toHaveLength(LESSONS.length - 1);
  });

  it('ignores question ids the content no longer has', () => {
    window.localStorage.setItem(
      PROGRESS_KEY,
      JSON.stringify({
        version: 1,
        fingerprint: 'older',
        lessons: {},
        quizzes: {
          discovery: {
            attempts: 3,
            best: {
              asked: ['discovery-1', 'discovery-2', 'discovery-77'],
              correct: ['discovery-1', 'discovery-77'],
              at: 1,
            },
          },
        },
      }),
    );
    renderQuiz();
    expect(screen.getByText(/The course has changed/)).toBeInTheDocument();
    const link = screen.getByRole('link', { name: `4. ${LESSONS[3]?.title ?? ''}` });
    expect(link.closest('li')).toHaveTextContent('Best score: 1 of 2');
  });

  it('resets progress only after confirmation', async () => {
    const store = freshStore();
    store.recordAttempt('discovery', ['discovery-1'], ['discovery-1']);
    store.markLessonRead('discovery');
    const { user } = renderQuiz();
    expect(screen.getByText(/Best score: 1 of 1/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Reset progress' }));
    expect(screen.getByRole('group', { name: /Erase every lesson marked read/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Reset progress' })).toHaveFocus();
    expect(screen.getByText(/Best score: 1 of 1/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Reset progress' }));
    await user.click(screen.getByRole('button', { name: 'Yes, reset my progress' }));
    expect(screen.queryByText(/Best score: 1 of 1/)).toBeNull();
    expect(window.localStorage.getItem(PROGRESS_KEY)).toBeNull();
    expect(screen.getByText(/Progress reset/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reset progress' })).toHaveFocus();
  });
});

describe('a link to one question (#/quiz/<lesson>?q=<question id>)', () => {
  const heading = (name: string) => screen.getByRole('heading', { level: 2, name });
  const total = questionsFor('pkce-and-request').length;
  const ids = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => `pkce-and-request-${from + i}`);

  it('opens at that question, then asks the rest, wrapping round, and scores the whole quiz', async () => {
    const { user, store } = renderQuiz({ lessonId: 'pkce-and-request', questionId: 'pkce-and-request-4' });
    expect(heading(`Question 4 of ${total}`)).toBeInTheDocument();
    expect(currentQuestion().question.id).toBe('pkce-and-request-4');
    // The page opens with its title focused and the quiz's introduction, as on any arrival.
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
    expect(screen.getByText(/Answers are shuffled on every attempt/)).toBeInTheDocument();
    const asked = [];
    for (let n = 0; n < total; n++) asked.push((await answerAndContinue(user, n !== 0)).id);
    expect(asked).toEqual([...ids(4, total), ...ids(1, 3)]);
    expect(screen.getByRole('heading', { name: `Your score: ${total - 1} of ${total}` })).toBeInTheDocument();
    expect(store.get().quizzes['pkce-and-request']?.best?.asked).toHaveLength(total);
  });

  it('starts at question 1 with a polite note when the quiz has no such question', () => {
    renderQuiz({ lessonId: 'pkce-and-request', questionId: 'pkce-and-request-99' });
    expect(heading(`Question 1 of ${total}`)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      `This quiz has no question “pkce-and-request-99”, so here is question 1 of ${total}.`,
    );
  });

  it('keeps the address naming the question on screen, and none on question 1 or the results', async () => {
    const address = memoryAddress('why-authorization', 'why-authorization-2');
    const { user } = renderQuiz({
      lessonId: 'why-authorization',
      questionId: 'why-authorization-2',
      address,
    });
    expect(address.writes).toEqual([]);
    await answerAndContinue(user, true);
    expect(address.read().question).toBe('why-authorization-3');
    await answerAndContinue(user, true);
    await answerAndContinue(user, true);
    await answerAndContinue(user, true);
    expect(heading('Question 1 of 5')).toHaveFocus();
    expect(address.read().question).toBeNull();
    await answerAndContinue(user, true);
    expect(screen.getByRole('heading', { name: 'Your score: 5 of 5' })).toBeInTheDocument();
    expect(address.writes).toEqual([
      'why-authorization-3',
      'why-authorization-4',
      'why-authorization-5',
      null,
    ]);
  });

  it('removes an unknown question from the address', () => {
    const address = memoryAddress('why-authorization', 'bogus');
    renderQuiz({ lessonId: 'why-authorization', questionId: 'bogus', address });
    expect(address.read().question).toBeNull();
  });

  it('opens the question an edited address names, keeping the answers given, and ignores other quizzes', async () => {
    const address = memoryAddress('why-authorization');
    const { user } = renderQuiz({ lessonId: 'why-authorization', address });
    await answerCurrent(user, true);
    act(() => address.go('why-authorization', 'why-authorization-4'));
    expect(heading('Question 4 of 5')).toHaveFocus();
    expect(screen.getByText('1 correct so far')).toBeInTheDocument();
    // Another quiz's address is the shell's business (it is about to show that quiz).
    act(() => address.go('discovery', 'discovery-2'));
    expect(heading('Question 4 of 5')).toBeInTheDocument();
    act(() => address.go('why-authorization', 'nope'));
    expect(heading('Question 4 of 5')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('no question “nope”');
    expect(address.read().question).toBe('why-authorization-4');
    // After the results, a question's address starts a fresh attempt there.
    for (let n = 0; n < 4; n++) await answerAndContinue(user, true);
    expect(screen.getByRole('heading', { name: /Your score/ })).toBeInTheDocument();
    act(() => address.go('why-authorization', 'why-authorization-2'));
    expect(heading('Question 2 of 5')).toHaveFocus();
    expect(screen.getByText('0 correct so far')).toBeInTheDocument();
  });

  it('opens the final exam at any question of the course, inside a full exam', () => {
    const address = memoryAddress('exam', 'scopes-2');
    renderQuiz({ exam: true, questionId: 'scopes-2', address });
    expect(currentQuestion().question.id).toBe('scopes-2');
    expect(screen.getByRole('heading', { level: 2, name: /^Question \d+ of 20$/ })).toBeInTheDocument();
    // The exam is drawn afresh per attempt, so its address always names the question.
    expect(address.read().question).toBe('scopes-2');
  });
});
