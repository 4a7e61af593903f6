// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QUESTIONS } from '../../content/load';
import { opensWithVerdict, type ChoiceQuestion } from '../../content/schema';
import { correctAnswerIndex, prepareAttempt } from './attempt';
import { ChoiceQuestionView } from './ChoiceQuestionView';
import { QuestionFeedback } from './QuestionFeedback';
import { questionSimHref } from '../../course/questionLinks';

afterEach(cleanup);

function choiceWithStyle(style: ChoiceQuestion['style']): ChoiceQuestion {
  const found = QUESTIONS.find(
    (question): question is ChoiceQuestion => question.kind === 'choice' && question.style === style,
  );
  if (!found) throw new Error(`no ${String(style)} question`);
  return found;
}

function choiceItem(question: ChoiceQuestion, seed = 's') {
  const [item] = prepareAttempt([question], seed);
  if (item?.kind !== 'choice') throw new Error('choice item expected');
  return item;
}

describe('ChoiceQuestionView', () => {
  it('shows a spot-the-bug question’s raw HTTP message in a code block', () => {
    const question = choiceWithStyle('spot-the-bug');
    render(<ChoiceQuestionView item={choiceItem(question)} result={undefined} onAnswer={vi.fn()} />);
    const block = screen.getByRole('group', { name: 'HTTP example' });
    expect(block.textContent).toBe(question.http);
    expect(block.querySelector('.http-method, .http-version')).not.toBeNull();
  });

  it('shows no code block for a question without a message', () => {
    const question = QUESTIONS.find((q): q is ChoiceQuestion => q.kind === 'choice' && q.http === undefined);
    if (!question) throw new Error('no plain question');
    render(<ChoiceQuestionView item={choiceItem(question)} result={undefined} onAnswer={vi.fn()} />);
    expect(screen.queryByRole('group', { name: 'HTTP example' })).toBeNull();
  });

  it('lists the answers in the attempt’s shuffled order and reports the chosen answer’s index', async () => {
    const question = choiceWithStyle(undefined);
    const item = choiceItem(question, 'order-check');
    const onAnswer = vi.fn();
    render(<ChoiceQuestionView item={item} result={undefined} onAnswer={onAnswer} />);
    const shown = screen.getAllByRole('radio').map((radio) => radio.closest('label')?.textContent);
    expect(shown).toEqual(item.order.map((index) => question.answers[index]?.text));
    const last = item.order[3] ?? -1;
    await userEvent.click(screen.getByRole('radio', { name: question.answers[last]?.text ?? '' }));
    await userEvent.click(screen.getByRole('button', { name: 'Check answer' }));
    expect(onAnswer).toHaveBeenCalledWith({ kind: 'choice', chosen: last });
  });

  it('marks the chosen and the correct answer in words once checked', () => {
    const question = choiceWithStyle(undefined);
    const right = correctAnswerIndex(question);
    const wrong = (right + 1) % 4;
    render(
      <ChoiceQuestionView
        item={choiceItem(question)}
        result={{ answer: { kind: 'choice', chosen: wrong }, correct: false }}
        onAnswer={vi.fn()}
      />,
    );
    expect(screen.getByText('✗ Your answer').closest('label')).toHaveTextContent(
      question.answers[wrong]?.text ?? '',
    );
    expect(screen.getByText('✓ Correct answer').closest('label')).toHaveTextContent(
      question.answers[right]?.text ?? '',
    );
    expect(screen.queryByRole('button', { name: 'Check answer' })).toBeNull();
  });
});

describe('QuestionFeedback', () => {
  const choices = QUESTIONS.filter((question): question is ChoiceQuestion => question.kind === 'choice');

  function renderFeedback(question: ChoiceQuestion, chosen: number) {
    const correct = chosen === correctAnswerIndex(question);
    render(
      <QuestionFeedback
        item={choiceItem(question)}
        result={{ answer: { kind: 'choice', chosen }, correct }}
        isLast={false}
        onNext={vi.fn()}
        navigate={vi.fn()}
      />,
    );
    return screen.getByRole('region', { name: 'Feedback' });
  }

  /** The explanations shown: the text after each answer's label, or the whole paragraph. */
  const explanations = (region: HTMLElement): string[] =>
    [...region.querySelectorAll('.quiz-explain p')].map((p) => p.lastChild?.textContent?.trim() ?? '');

  it('after a right answer, gives the verdict once and the explanation, without repeating the answer', () => {
    const question = choiceWithStyle(undefined);
    const right = question.answers[correctAnswerIndex(question)];
    const region = renderFeedback(question, correctAnswerIndex(question));
    expect(within(region).getByRole('heading', { name: /Correct/ })).toBeInTheDocument();
    expect(explanations(region)).toEqual([right?.feedback]);
    expect(region).not.toHaveTextContent('Your answer:');
    expect(region).not.toHaveTextContent('The correct answer:');
  });

  it('after a wrong answer, names both answers, each with its own explanation', () => {
    const question = choiceWithStyle(undefined);
    const rightIndex = correctAnswerIndex(question);
    const wrongIndex = (rightIndex + 1) % 4;
    const region = renderFeedback(question, wrongIndex);
    expect(within(region).getByRole('heading', { name: /Not quite/ })).toBeInTheDocument();
    expect(region).toHaveTextContent(`Your answer: ${question.answers[wrongIndex]?.text ?? 'missing'}`);
    expect(region).toHaveTextContent(
      `The correct answer: ${question.answers[rightIndex]?.text ?? 'missing'}`,
    );
    expect(explanations(region)).toEqual([
      question.answers[wrongIndex]?.feedback,
      question.answers[rightIndex]?.feedback,
    ]);
  });

  it.each(choices.map((question) => [question.id, question] as const))(
    '%s: a wrong answer gets its verdict from the heading only, not a "Right." under the correct answer',
    (_id, question) => {
      const region = renderFeedback(question, (correctAnswerIndex(question) + 1) % 4);
      const doubled = explanations(region).filter(opensWithVerdict);
      expect(doubled).toEqual([]);
      cleanup();
    },
  );

  it.each(['next-message', 'which-check'] as const)(
    'links a %s question to its place in the simulator',
    async (style) => {
      const question = choiceWithStyle(style);
      const navigate = vi.fn();
      render(
        <QuestionFeedback
          item={choiceItem(question)}
          result={{ answer: { kind: 'choice', chosen: correctAnswerIndex(question) }, correct: true }}
          isLast={false}
          onNext={vi.fn()}
          navigate={navigate}
        />,
      );
      const link = screen.getByRole('link', { name: /^See it in the simulator/ });
      const href = questionSimHref(question.link);
      expect(href).not.toBeNull();
      expect(link).toHaveAttribute('href', href);
      await userEvent.click(link);
      expect(navigate).toHaveBeenCalledWith(href);
    },
  );

  it('has no simulator link for a plain question, and offers the results after the last one', async () => {
    const question = choiceWithStyle(undefined);
    const onNext = vi.fn();
    render(
      <QuestionFeedback
        item={choiceItem(question)}
        result={{ answer: { kind: 'choice', chosen: correctAnswerIndex(question) }, correct: true }}
        isLast
        onNext={onNext}
        navigate={vi.fn()}
      />,
    );
    const feedback = screen.getByRole('region', { name: 'Feedback' });
    expect(within(feedback).queryByRole('link')).toBeNull();
    await userEvent.click(within(feedback).getByRole('button', { name: 'See your results' }));
    expect(onNext).toHaveBeenCalledTimes(1);
  });
});
