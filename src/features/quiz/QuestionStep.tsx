/**
 * One question of an attempt: its number, the question itself (choice or order) and, once checked,
 * the feedback. Focus moves to its heading when it replaces the previous question.
 */
import { useEffect, useRef } from 'react';
import type { Navigate } from '../../components/HashLink';
import type { Answer, AttemptItem, Result } from './attempt';
import { ChoiceQuestionView } from './ChoiceQuestionView';
import { OrderQuestionView } from './OrderQuestionView';
import { QuestionFeedback } from './QuestionFeedback';

interface QuestionStepProps {
  item: AttemptItem;
  number: number;
  total: number;
  correctSoFar: number;
  /** Questions of this attempt answered before this one (an attempt opened by a link skips ahead). */
  answeredBefore: number;
  result: Result | undefined;
  focusOnMount: boolean;
  isLast: boolean;
  onAnswer: (answer: Answer) => void;
  onNext: () => void;
  announce: (message: string) => void;
  navigate: Navigate;
}

export function QuestionStep(props: QuestionStepProps) {
  const { item, number, total, result, focusOnMount } = props;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus();
  }, [focusOnMount]);
  return (
    <article className="quiz-question" aria-labelledby={`quiz-question-${number}`}>
      <h2 id={`quiz-question-${number}`} ref={headingRef} tabIndex={-1}>
        Question {number} of {total}
      </h2>
      <p className="quiz__progress">
        <progress max={total} value={props.answeredBefore} aria-hidden="true" /> {props.correctSoFar} correct
        so far
      </p>
      {item.kind === 'choice' ? (
        <ChoiceQuestionView item={item} result={result} onAnswer={props.onAnswer} />
      ) : (
        <OrderQuestionView item={item} result={result} onAnswer={props.onAnswer} announce={props.announce} />
      )}
      {result ? (
        <QuestionFeedback
          item={item}
          result={result}
          isLast={props.isLast}
          onNext={props.onNext}
          navigate={props.navigate}
        />
      ) : null}
    </article>
  );
}
