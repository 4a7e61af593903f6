/**
 * The end of an attempt: the score, the best score so far, and a review of every wrong answer with
 * its feedback and links back to the lesson and to the simulator; then retry.
 */
import { useEffect, useRef } from 'react';
import { HashLink, type Navigate } from '../../components/HashLink';
import type { AttemptItem, Result } from './attempt';
import { score } from './attempt';
import { bestScore, isPassing, PASS_RATIO, type StoredProgress } from '../../course/progress';
import { FeedbackBody } from './QuestionFeedback';
import { lessonHref, questionSimHref, questionSimLabel } from '../../course/questionLinks';

interface QuizResultsProps {
  quiz: string;
  items: readonly AttemptItem[];
  results: readonly (Result | undefined)[];
  progress: StoredProgress;
  lessonTitles: ReadonlyMap<string, string>;
  navigate: Navigate;
  onRetry: () => void;
  retryLabel: string;
}

export function QuizResults(props: QuizResultsProps) {
  const { quiz, items, results, progress, lessonTitles, navigate, onRetry, retryLabel } = props;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const { correct, total } = score(results);
  const passed = isPassing(correct, total);
  const best = bestScore(progress, quiz);
  const attempts = progress.quizzes[quiz]?.attempts ?? 0;
  const wrong = items.flatMap((item, index) => {
    const result = results[index];
    return result && !result.correct ? [{ item, result, number: index + 1 }] : [];
  });

  return (
    <section className="quiz-results" aria-labelledby="quiz-results-title">
      <h2 id="quiz-results-title" ref={headingRef} tabIndex={-1}>
        Your score: {correct} of {total}
      </h2>
      <p className="quiz-results__verdict">
        {total === 0 ? 0 : Math.round((correct / total) * 100)}% ·{' '}
        {passed ? (
          <strong className="quiz-passed">✓ Passed</strong>
        ) : (
          <strong>Not passed yet: {Math.round(PASS_RATIO * 100)}% passes</strong>
        )}
      </p>
      {best ? (
        <p className="quiz-results__best">
          Best score: {best.correct} of {best.total} · {attempts} {attempts === 1 ? 'attempt' : 'attempts'}
        </p>
      ) : null}

      {wrong.length === 0 ? (
        <p>Every answer was right.</p>
      ) : (
        <>
          <h3>Review your wrong answers</h3>
          <ol className="quiz-review">
            {wrong.map(({ item, result, number }) => {
              const simHref = questionSimHref(item.question.link);
              const lessonTitle = lessonTitles.get(item.question.lesson) ?? item.question.lesson;
              return (
                <li key={item.question.id} className="quiz-review__item">
                  <h4>
                    Question {number}: {item.question.prompt}
                  </h4>
                  {item.kind === 'order' && result.answer.kind === 'order' ? (
                    <YourOrder items={item.question.items} arrangement={result.answer.arrangement} />
                  ) : null}
                  <FeedbackBody item={item} result={result} />
                  <p className="quiz-review__links">
                    <HashLink href={lessonHref(item.question.lesson)} navigate={navigate}>
                      Read the lesson: {lessonTitle}
                    </HashLink>
                    {simHref !== null ? (
                      <HashLink
                        href={simHref}
                        navigate={navigate}
                        className="md-tryit"
                        aria-label={`See it in the simulator: ${questionSimLabel(item.question.link) ?? 'the flow'}`}
                      >
                        See it in the simulator
                      </HashLink>
                    ) : null}
                  </p>
                </li>
              );
            })}
          </ol>
        </>
      )}
      <div className="lq-actions">
        <button type="button" className="lq-button" onClick={onRetry}>
          {retryLabel}
        </button>
        <HashLink href="#/quiz" navigate={navigate} className="lq-button lq-button--secondary">
          All quizzes
        </HashLink>
      </div>
    </section>
  );
}

function YourOrder({ items, arrangement }: { items: readonly string[]; arrangement: readonly number[] }) {
  return (
    <>
      <p>
        <strong>Your order:</strong>
      </p>
      <ol>
        {arrangement.map((index) => (
          <li key={index}>{items[index]}</li>
        ))}
      </ol>
    </>
  );
}
