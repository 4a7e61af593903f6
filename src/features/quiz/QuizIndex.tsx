/** `#/quiz`: the final exam and every lesson's quiz, with the learner's best scores. */
import { useEffect, useRef } from 'react';
import type { Lesson } from '../../content/content';
import { HashLink, type Navigate } from '../../components/HashLink';
import { ProgressMessages, ResetProgress } from '../../course/ProgressControls';
import { bestScore, EXAM_KEY, PASS_RATIO, quizPassed, type ProgressStore } from '../../course/progress';
import { quizHref } from '../../course/questionLinks';
import { useProgress } from '../../course/useProgress';

interface QuizIndexProps {
  lessons: readonly Lesson[];
  questionCounts: ReadonlyMap<string, number>;
  examSize: number;
  navigate: Navigate;
  store: ProgressStore;
}

export function QuizIndex({ lessons, questionCounts, examSize, navigate, store }: QuizIndexProps) {
  const progress = useProgress(store);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    titleRef.current?.focus();
  }, []);
  const exam = bestScore(progress, EXAM_KEY);

  return (
    <section className="lq quiz-index" aria-labelledby="quiz-index-title">
      <h1 id="quiz-index-title" ref={titleRef} tabIndex={-1}>
        Quizzes
      </h1>
      <p className="quiz__intro">
        Every lesson ends with a short quiz; {Math.round(PASS_RATIO * 100)}% correct passes it. Your best
        scores are kept in this browser.
      </p>
      <ProgressMessages store={store} />

      <div className="quiz-exam-card">
        <h2>Final exam</h2>
        <p>{examSize} questions drawn from every lesson, different each time.</p>
        <p>
          {exam ? (
            <>
              Best score: {exam.correct} of {exam.total}
              {quizPassed(progress, EXAM_KEY) ? <strong className="quiz-passed"> · ✓ Passed</strong> : null}
            </>
          ) : (
            'Not taken yet.'
          )}
        </p>
        <HashLink href={quizHref(EXAM_KEY)} navigate={navigate} className="lq-button">
          Take the final exam
        </HashLink>
      </div>

      <h2>Lesson quizzes</h2>
      <ol className="quiz-list">
        {lessons.map((lesson) => {
          const best = bestScore(progress, lesson.id);
          const count = questionCounts.get(lesson.id) ?? 0;
          return (
            <li key={lesson.id} className="quiz-list__item">
              <h3>
                <HashLink href={quizHref(lesson.id)} navigate={navigate}>
                  {lesson.order}. {lesson.title}
                </HashLink>
              </h3>
              <p>
                {count} {count === 1 ? 'question' : 'questions'} ·{' '}
                {best ? `Best score: ${best.correct} of ${best.total}` : 'Not attempted'}
                {quizPassed(progress, lesson.id) ? (
                  <strong className="quiz-passed"> · ✓ Passed</strong>
                ) : null}
              </p>
            </li>
          );
        })}
      </ol>
      <ResetProgress store={store} />
    </section>
  );
}
