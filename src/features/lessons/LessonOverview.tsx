/** The course at a glance: every lesson in order, with its summary and the learner's progress. */
import { useEffect, useRef } from 'react';
import type { Lesson } from '../../content/content';
import { ProgressMessages, ResetProgress } from '../../course/ProgressControls';
import { bestScore, lessonStatus, type ProgressStore } from '../../course/progress';
import { lessonHref, quizHref } from '../../course/questionLinks';
import { useProgress } from '../../course/useProgress';
import { HashLink, type Navigate } from '../../components/HashLink';
import { StatusBadge } from './StatusBadge';

interface LessonOverviewProps {
  lessons: readonly Lesson[];
  navigate: Navigate;
  store: ProgressStore;
}

export function LessonOverview({ lessons, navigate, store }: LessonOverviewProps) {
  const progress = useProgress(store);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  const statuses = lessons.map((lesson) => lessonStatus(progress, lesson.id));
  const readCount = lessons.filter((lesson) => progress.lessons[lesson.id] !== undefined).length;
  const passedCount = statuses.filter((status) => status === 'quiz-passed').length;

  return (
    <section className="lq lessons-overview" aria-labelledby="lessons-title">
      <h1 id="lessons-title" ref={titleRef} tabIndex={-1}>
        Lessons
      </h1>
      <p className="lessons-overview__intro">
        {lessons.length} short lessons on how MCP secures remote servers with OAuth 2.1. Each one ends with a
        quiz, and its “Try it” links open the simulator at the step it describes.
      </p>
      <p className="lessons-overview__summary">
        You have read {readCount} of {lessons.length} lessons and passed {passedCount}{' '}
        {passedCount === 1 ? 'quiz' : 'quizzes'}.
      </p>
      <ProgressMessages store={store} />
      <ol className="lesson-list">
        {lessons.map((lesson, index) => {
          const score = bestScore(progress, lesson.id);
          return (
            <li key={lesson.id} className="lesson-card">
              <h2 className="lesson-card__title">
                <span className="lesson-card__number" aria-hidden="true">
                  {lesson.order}
                </span>
                <HashLink href={lessonHref(lesson.id)} navigate={navigate}>
                  {lesson.title}
                </HashLink>
              </h2>
              <p className="lesson-card__summary">{lesson.summary}</p>
              <p className="lesson-card__status">
                <StatusBadge status={statuses[index] ?? 'not-started'} />
                {score ? (
                  <span className="lesson-card__score">
                    Best quiz score: {score.correct} of {score.total}
                  </span>
                ) : null}
                <HashLink
                  href={quizHref(lesson.id)}
                  navigate={navigate}
                  className="lesson-card__quiz"
                  aria-label={`Quiz: ${lesson.title}`}
                >
                  Quiz
                </HashLink>
              </p>
            </li>
          );
        })}
      </ol>
      <div className="lq-actions">
        <HashLink href={quizHref('exam')} navigate={navigate} className="lq-button">
          Take the final exam
        </HashLink>
      </div>
      <ResetProgress store={store} />
    </section>
  );
}
