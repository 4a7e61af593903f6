/**
 * The quiz route, loaded lazily by the shell: `#/quiz` (index), `#/quiz/<lesson id>` (a lesson's
 * quiz) and `#/quiz/exam` (the final exam, drawn from every lesson). Either quiz opens at one
 * question with `?q=<question id>`; the exam then includes that question in its draw.
 */
import { LESSONS, QUESTIONS, finalExam, getLesson, questionsFor } from '../../content/load';
import { createRng } from '../../sim/world/random';
import { HashLink, type Navigate } from '../../components/HashLink';
import '../../course/course.css';
import { EXAM_KEY, type OnProgress, type ProgressStore } from '../../course/progress';
import { lessonHref, type QuestionAddress } from '../../course/questionLinks';
import { QuizIndex } from './QuizIndex';
import { QuizRunner } from './QuizRunner';
import { includeQuestion } from './run';
import { getProgressStore } from '../../course/useProgress';
import './quiz.css';

export const EXAM_SIZE = 20;

export interface QuizRouteProps {
  /** A lesson id for its quiz ("exam" also selects the final exam); absent for the index. */
  lessonId?: string;
  /** The final exam. */
  exam?: boolean;
  /** The question to open at, by its id (`#/quiz/<lesson id>?q=<question id>`). */
  questionId?: string;
  /** The address bar, kept naming the question on screen (the shell's; absent in component tests). */
  address?: QuestionAddress;
  /** Goes to a hash route, e.g. "#/lessons/discovery" or "#/sim?attack=mix-up&defence=on". */
  navigate: Navigate;
  /** Called for each answer and each finished quiz (for embedding, e.g. forwarded with postMessage). */
  onProgress?: OnProgress | undefined;
  /** Where progress is kept; the app-wide localStorage store by default (tests pass their own). */
  progressStore?: ProgressStore;
  /** The first attempt's seed (reproduces its shuffle); a fresh one per attempt by default. */
  seed?: string;
}

const lessonTitles: ReadonlyMap<string, string> = new Map(LESSONS.map((lesson) => [lesson.id, lesson.title]));
const questionCounts: ReadonlyMap<string, number> = new Map(
  LESSONS.map((lesson) => [lesson.id, QUESTIONS.filter((question) => question.lesson === lesson.id).length]),
);

export default function QuizRoute({
  lessonId,
  exam,
  questionId,
  address,
  navigate,
  onProgress,
  progressStore,
  seed,
}: QuizRouteProps) {
  const store = progressStore ?? getProgressStore();
  const allQuizzes = (
    <nav aria-label="Breadcrumb" className="quiz__crumbs">
      <HashLink href="#/quiz" navigate={navigate}>
        All quizzes
      </HashLink>
    </nav>
  );

  if (exam === true || lessonId === EXAM_KEY) {
    return (
      <QuizRunner
        key={EXAM_KEY}
        quiz={EXAM_KEY}
        title="Final exam"
        intro={<p>{EXAM_SIZE} questions drawn from all the lessons, at least one from each.</p>}
        draw={(attemptSeed, linked) => includeQuestion(finalExam(createRng(attemptSeed), EXAM_SIZE), linked)}
        pool={QUESTIONS}
        startAt={questionId}
        fixedOrder={false}
        address={address}
        seed={seed}
        retryLabel="Take another exam"
        lessonTitles={lessonTitles}
        navigate={navigate}
        store={store}
        onProgress={onProgress}
        breadcrumbs={allQuizzes}
      />
    );
  }
  if (lessonId === undefined || lessonId === '') {
    return (
      <QuizIndex
        lessons={LESSONS}
        questionCounts={questionCounts}
        examSize={EXAM_SIZE}
        navigate={navigate}
        store={store}
      />
    );
  }
  const lesson = getLesson(lessonId);
  if (!lesson) {
    return (
      <section className="lq quiz" aria-labelledby="quiz-missing">
        {allQuizzes}
        <h1 id="quiz-missing">Quiz not found</h1>
        <p>There is no lesson called “{lessonId}”.</p>
      </section>
    );
  }
  const questions = questionsFor(lesson.id);
  return (
    <QuizRunner
      key={lesson.id}
      quiz={lesson.id}
      title={`Quiz: ${lesson.title}`}
      intro={
        <p>
          {questions.length} questions on{' '}
          <HashLink href={lessonHref(lesson.id)} navigate={navigate}>
            lesson {lesson.order}
          </HashLink>
          . Answers are shuffled on every attempt.
        </p>
      }
      draw={() => questions}
      pool={questions}
      startAt={questionId}
      fixedOrder
      address={address}
      seed={seed}
      retryLabel="Retry this quiz"
      lessonTitles={lessonTitles}
      navigate={navigate}
      store={store}
      onProgress={onProgress}
      breadcrumbs={allQuizzes}
    />
  );
}
