/**
 * "Back to the lesson": shown on the simulator after a lesson's "Try it" link (lessonReturn.ts).
 * A plain link, so it opens in a new tab too; followed here, the lesson reopens where it was left.
 */
import { setReturnPending, useLessonReturn } from './lessonReturn';

export function LessonReturnLink() {
  const back = useLessonReturn();
  if (!back) return null;
  return (
    <a
      className="lesson-return"
      href={`#/lessons/${encodeURIComponent(back.lessonId)}`}
      onClick={() => setReturnPending(true)}
    >
      <span aria-hidden="true">← </span>Back to the lesson: {back.title}
    </a>
  );
}
