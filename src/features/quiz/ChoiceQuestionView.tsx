/**
 * A multiple-choice question: a labelled radio group (fieldset and legend) with the answers in this
 * attempt's shuffled order, and, for spot-the-bug questions, the HTTP message to inspect.
 */
import { useId, useState, type FormEvent } from 'react';
import { CodeBlock } from '../../course/markdown/Markdown';
import type { Answer, AttemptItem, Result } from './attempt';

interface ChoiceQuestionViewProps {
  item: Extract<AttemptItem, { kind: 'choice' }>;
  result: Result | undefined;
  onAnswer: (answer: Answer) => void;
}

export function ChoiceQuestionView({ item, result, onAnswer }: ChoiceQuestionViewProps) {
  const { question } = item;
  const [chosen, setChosen] = useState<number | null>(null);
  const [missing, setMissing] = useState(false);
  const name = useId();
  const errorId = useId();
  const answered = result !== undefined;
  // Once checked, the checked answer is what counts (and what is shown).
  const selected = result?.answer.kind === 'choice' ? result.answer.chosen : chosen;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (chosen === null) {
      setMissing(true);
      return;
    }
    onAnswer({ kind: 'choice', chosen });
  };

  return (
    <form onSubmit={submit} noValidate className="quiz-form">
      <fieldset disabled={answered} aria-describedby={missing ? errorId : undefined}>
        <legend className="quiz-prompt">{question.prompt}</legend>
        {question.http !== undefined ? <CodeBlock lang="http" value={question.http} /> : null}
        <div className="quiz-choices">
          {item.order.map((answerIndex) => {
            const answer = question.answers[answerIndex];
            if (!answer) return null;
            const isChosen = selected === answerIndex;
            const state = answered
              ? answer.correct
                ? ' quiz-choice--correct'
                : isChosen
                  ? ' quiz-choice--wrong'
                  : ''
              : '';
            return (
              <label key={answerIndex} className={`quiz-choice${state}`}>
                <input
                  type="radio"
                  name={name}
                  value={answerIndex}
                  checked={isChosen}
                  onChange={() => {
                    setChosen(answerIndex);
                    setMissing(false);
                  }}
                />
                <span className="quiz-choice__text">{answer.text}</span>
                {answered ? <ChoiceMark chosen={isChosen} correct={answer.correct} /> : null}
              </label>
            );
          })}
        </div>
      </fieldset>
      {missing ? (
        <p id={errorId} className="quiz-error" role="alert">
          Choose an answer first.
        </p>
      ) : null}
      {answered ? null : (
        <button type="submit" className="lq-button">
          Check answer
        </button>
      )}
    </form>
  );
}

function ChoiceMark({ chosen, correct }: { chosen: boolean; correct: boolean }) {
  if (!chosen && !correct) return null;
  const text = chosen ? (correct ? '✓ Your answer: correct' : '✗ Your answer') : '✓ Correct answer';
  return <span className="quiz-choice__mark">{text}</span>;
}
