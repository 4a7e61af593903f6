/**
 * The lessons route, loaded lazily by the shell: `#/lessons` (the course overview) and
 * `#/lessons/<id>` (one lesson). The content and its parser live in this chunk, not the first paint.
 */
import { LESSONS, getLesson } from '../../content/load';
import type { OnProgress, ProgressStore } from '../../course/progress';
import { getProgressStore } from '../../course/useProgress';
import { HashLink, type Navigate } from '../../components/HashLink';
import '../../course/course.css';
import { LessonOverview } from './LessonOverview';
import { LessonPage } from './LessonPage';
import './lessons.css';

export interface LessonsRouteProps {
  /** The lesson to show; absent for the course overview. */
  lessonId?: string | undefined;
  /** Goes to a hash route, e.g. "#/sim?scenario=first-connection" or "#/quiz/discovery". */
  navigate: Navigate;
  /** Called when a lesson is completed (for embedding, e.g. forwarded with postMessage). */
  onProgress?: OnProgress | undefined;
  /** Where progress is kept; the app-wide localStorage store by default (tests pass their own). */
  progressStore?: ProgressStore;
}

export default function LessonsRoute({ lessonId, navigate, onProgress, progressStore }: LessonsRouteProps) {
  const store = progressStore ?? getProgressStore();
  if (lessonId === undefined || lessonId === '') {
    return <LessonOverview lessons={LESSONS} navigate={navigate} store={store} />;
  }
  const lesson = getLesson(lessonId);
  if (!lesson) {
    return (
      <section className="lq lesson" aria-labelledby="lesson-missing">
        <h1 id="lesson-missing">Lesson not found</h1>
        <p>There is no lesson called “{lessonId}”.</p>
        <HashLink href="#/lessons" navigate={navigate}>
          See all lessons
        </HashLink>
      </section>
    );
  }
  // Keyed by id: moving to another lesson starts a fresh page (focus on its title, its own end marker).
  return (
    <LessonPage
      key={lesson.id}
      lesson={lesson}
      lessons={LESSONS}
      navigate={navigate}
      store={store}
      onProgress={onProgress}
    />
  );
}
