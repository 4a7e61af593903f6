/**
 * What the learner sees after checking an answer: right or not, the feedback for the chosen answer
 * and for the correct one (or the right order), and for "what happens next" and "which check"
 * questions a link to that moment in the simulator. Focus moves here when it appears.
 *
 * The verdict is said once, in the heading. An answer's feedback only explains (the schema rejects
 * feedback that opens with "Right." or "Wrong."), because the correct answer's explanation is shown
 * to everyone: to the learner who chose it, and to the learner who did not.
 */
import { useEffect, useRef } from 'react';
import { HashLink, type Navigate } from '../../components/HashLink';
import { correctAnswerIndex, type AttemptItem, type Result } from './attempt';
import { questionSimHref, questionSimLabel } from '../../course/questionLinks';

interface QuestionFeedbackProps {
  item: AttemptItem;
  result: Result;
  isLast: boolean;
  onNext: () => void;
  navigate: Navigate;
}

export function QuestionFeedback({ item, result, isLast, onNext, navigate }: QuestionFeedbackProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const { question } = item;
  const showSim =
    question.kind === 'choice' && (question.style === 'next-message' || question.style === 'which-check');
  const simHref = showSim ? questionSimHref(question.link) : null;

  return (
    <section
      className={`quiz-feedback ${result.correct ? 'quiz-feedback--right' : 'quiz-feedback--wrong'}`}
      aria-label="Feedback"
    >
      <h3 ref={headingRef} tabIndex={-1}>
        <span aria-hidden="true">{result.correct ? '✓ ' : '✗ '}</span>
        {result.correct ? 'Correct' : 'Not quite'}
      </h3>
      <FeedbackBody item={item} result={result} />
      {simHref !== null ? (
        <p>
          <HashLink
            href={simHref}
            navigate={navigate}
            className="md-tryit"
            aria-label={`See it in the simulator: ${questionSimLabel(question.link) ?? 'the flow'}`}
          >
            See it in the simulator
          </HashLink>
        </p>
      ) : null}
      <button type="button" className="lq-button" onClick={onNext}>
        {isLast ? 'See your results' : 'Next question'}
      </button>
    </section>
  );
}

/**
 * The explanation part, also used in the end-of-quiz review. A right answer is already marked in the
 * list, so only its explanation follows; a wrong one is named, then the correct answer, each with
 * its own explanation.
 */
export function FeedbackBody({ item, result }: { item: AttemptItem; result: Result }) {
  if (item.kind === 'choice' && result.answer.kind === 'choice') {
    const chosen = item.question.answers[result.answer.chosen];
    const right = item.question.answers[correctAnswerIndex(item.question)];
    if (result.correct) {
      return <div className="quiz-explain">{right ? <p>{right.feedback}</p> : null}</div>;
    }
    return (
      <div className="quiz-explain">
        {chosen ? (
          <p>
            <strong>Your answer:</strong> {chosen.text}
            <br />
            {chosen.feedback}
          </p>
        ) : null}
        {right ? (
          <p>
            <strong>The correct answer:</strong> {right.text}
            <br />
            {right.feedback}
          </p>
        ) : null}
      </div>
    );
  }
  if (item.kind === 'order') {
    return (
      <div className="quiz-explain">
        {result.correct ? null : (
          <>
            <p>
              <strong>The right order:</strong>
            </p>
            <ol>
              {item.question.items.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ol>
          </>
        )}
        <p>{item.question.feedback}</p>
      </div>
    );
  }
  return null;
}
