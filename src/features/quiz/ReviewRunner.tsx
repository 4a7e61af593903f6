/**
 * `#/review`: today's review, the questions the learner missed that are due again (course/review.ts:
 * after 1, 3 and 7 days), at most a short session, asked as the quiz asks them. Each answer moves
 * its question along the schedule or back to the start; nothing here is a quiz attempt, so no quiz
 * score changes. The questions are fixed when the review opens: one answered is not asked again.
 */
import { useEffect, useReducer, useRef, useState } from 'react';
import { useAnswerLatency } from './useAnswerLatency';
import { HashLink, type Navigate } from '../../components/HashLink';
import { QUESTIONS } from '../../content/load';
import type { Question } from '../../content/schema';
import type { OnProgress, ProgressStore } from '../../course/progress';
import { ProgressMessages } from '../../course/ProgressControls';
import { dueQuestions, nextDue } from '../../course/review';
import { useProgress } from '../../course/useProgress';
import { grade, newSeed, score, type Answer } from './attempt';
import { QuestionStep } from './QuestionStep';
import { rulesOfQuestion } from './rules';
import { initialRun, nextUnanswered, openAttempt, runReducer } from './run';
import '../../course/course.css';
import './quiz.css';

/** The quiz key review answers are reported under (an embedding page tells them from a quiz's). */
export const REVIEW_KEY = 'review';

interface ReviewRunnerProps {
  store: ProgressStore;
  navigate: Navigate;
  onProgress?: OnProgress | undefined;
  /** The clock (tests move it); the learner's own by default. */
  now?: () => number;
}

function dateText(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric' });
}

export function ReviewRunner({ store, navigate, onProgress, now = Date.now }: ReviewRunnerProps) {
  const progress = useProgress(store);
  // Fixed on arrival: answering a question takes it out of the due list, not out of this session.
  const [questions] = useState<Question[]>(() =>
    dueQuestions(store.get().reviews, now()).flatMap((id) => QUESTIONS.filter((q) => q.id === id)),
  );
  const [state, dispatch] = useReducer(runReducer, null, () =>
    initialRun(openAttempt(newSeed(), () => questions, questions, null)),
  );
  const [announcement, setAnnouncement] = useState('');
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  const item = state.items[state.index];
  const latency = useAnswerLatency(item, now);
  const result = state.results[state.index];
  const isLast = nextUnanswered(state) === null;
  const soFar = score(state.results.filter((entry) => entry !== undefined));

  const answer = (given: Answer): void => {
    if (!item) return;
    const correct = grade(item, given);
    dispatch({ type: 'answer', result: { answer: given, correct } });
    store.recordAnswer(item.question.id, correct, rulesOfQuestion(item.question));
    setAnnouncement(correct ? 'Correct.' : 'Not quite.');
    onProgress?.({
      type: 'quiz-answered',
      quiz: REVIEW_KEY,
      questionId: item.question.id,
      correct,
      answer: given,
      latencyMs: latency(),
    });
  };

  const next = (): void => {
    setAnnouncement('');
    dispatch(isLast ? { type: 'finish' } : { type: 'next' });
  };

  const upcoming = nextDue(progress.reviews, now());
  const final = score(state.results);
  return (
    <section className="lq quiz review" aria-labelledby="review-title">
      <nav aria-label="Breadcrumb" className="quiz__crumbs">
        <HashLink href="#/progress" navigate={navigate}>
          Your progress
        </HashLink>
      </nav>
      <h1 id="review-title" ref={titleRef} tabIndex={-1}>
        Today’s review
      </h1>
      <ProgressMessages store={store} />
      {questions.length === 0 ? (
        <>
          <p>Nothing to review today.</p>
          <p>
            Questions you miss in a quiz come back here after a day; answered right, after 3 days, then 7.
            {upcoming !== null ? ` The next one is due on ${dateText(upcoming)}.` : ''}
          </p>
          <p className="lq-actions">
            <HashLink className="lq-button" href="#/quiz" navigate={navigate}>
              Take a quiz
            </HashLink>
          </p>
        </>
      ) : state.finished ? (
        <div className="quiz-results">
          <h2>
            Review done: {final.correct} of {final.total} right
          </h2>
          <p>The ones you missed come back tomorrow; the others in 3 or 7 days, and after that not again.</p>
          <p className="lq-actions">
            <HashLink className="lq-button" href="#/progress" navigate={navigate}>
              See your progress
            </HashLink>
          </p>
        </div>
      ) : item ? (
        <QuestionStep
          key={`${state.seed}:${item.question.id}`}
          item={item}
          number={state.index + 1}
          total={state.items.length}
          correctSoFar={soFar.correct}
          answeredBefore={state.results.filter((entry, index) => entry && index !== state.index).length}
          result={result}
          focusOnMount={state.shown > 1}
          isLast={isLast}
          onAnswer={answer}
          onNext={next}
          announce={setAnnouncement}
          navigate={navigate}
        />
      ) : null}
      <p className="lq-visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}
