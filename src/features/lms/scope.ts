/**
 * What one SCO (or cmi5 AU) covers and how its state is read from the app's one progress store
 * (course/progress.ts). Three kinds, named as the package names them (launch.ts):
 *
 * - `lesson:<id>`: the lesson, its "Try it" runs and its quiz. Completed when the lesson is read and
 *   its quiz passed; its score is the quiz's best attempt.
 * - `exam`: the final exam. Completed when it is passed; its score is the exam's best attempt.
 * - `course`: everything. Completed when every lesson is read and every quiz, the exam too, passed;
 *   its score is the exam's.
 *
 * The graded quiz passes at the platform's passing score when it sets one (SCORM 1.2
 * `cmi.student_data.mastery_score`, SCORM 2004 `cmi.scaled_passing_score`, cmi5 `masteryScore`),
 * else at the app's own PASS_RATIO, the 80% the quiz shows.
 */
import { EXAM_KEY, PASS_RATIO, isPassing, type StoredProgress } from '../../course/progress';
import { WHOLE_COURSE } from './launch';

export interface Scope {
  sco: string;
  title: string;
  lessons: readonly string[];
  /** Quizzes that must be passed for completion (the graded one among them). */
  quizzes: readonly string[];
  /** The quiz whose best attempt is the SCO's score and decides passed or failed. */
  graded: string;
}

export function scopeOf(sco: string, lessons: readonly { id: string; title: string }[]): Scope | null {
  if (sco === EXAM_KEY)
    return { sco, title: 'Final exam', lessons: [], quizzes: [EXAM_KEY], graded: EXAM_KEY };
  if (sco === WHOLE_COURSE) {
    const ids = lessons.map((lesson) => lesson.id);
    return { sco, title: 'The whole course', lessons: ids, quizzes: [...ids, EXAM_KEY], graded: EXAM_KEY };
  }
  const lesson = sco.startsWith('lesson:') ? lessons.find((l) => `lesson:${l.id}` === sco) : undefined;
  if (!lesson) return null;
  return { sco, title: lesson.title, lessons: [lesson.id], quizzes: [lesson.id], graded: lesson.id };
}

export type Success = 'passed' | 'failed' | 'unknown';

export interface ScoState {
  completed: boolean;
  success: Success;
  /** The graded quiz's best attempt, or null before one was finished. */
  score: { correct: number; total: number; scaled: number; percent: number } | null;
  /** The share of the SCO's parts done (lessons read, quizzes passed), 0 to 1. */
  progress: number;
}

export function scoState(
  scope: Scope,
  progress: StoredProgress,
  passingScore: number = PASS_RATIO,
): ScoState {
  const passes = (quiz: string): boolean | null => {
    const best = progress.quizzes[quiz]?.best;
    if (!best || best.asked.length === 0) return null;
    const { length: correct } = best.correct;
    const { length: total } = best.asked;
    return quiz === scope.graded ? correct / total >= passingScore : isPassing(correct, total);
  };
  const read = scope.lessons.filter((id) => progress.lessons[id] !== undefined).length;
  const passed = scope.quizzes.filter((quiz) => passes(quiz) === true).length;
  const parts = scope.lessons.length + scope.quizzes.length;
  const graded = passes(scope.graded);
  const best = progress.quizzes[scope.graded]?.best;
  const score =
    best && best.asked.length > 0
      ? {
          correct: best.correct.length,
          total: best.asked.length,
          scaled: Math.round((best.correct.length / best.asked.length) * 10000) / 10000,
          percent: Math.round((best.correct.length / best.asked.length) * 100),
        }
      : null;
  return {
    completed: read === scope.lessons.length && passed === scope.quizzes.length,
    success: graded === null ? 'unknown' : graded ? 'passed' : 'failed',
    score,
    progress: parts === 0 ? 1 : Math.round(((read + passed) / parts) * 100) / 100,
  };
}

/** Whether an event's quiz belongs to this SCO (an answer elsewhere is not its record). */
export function inScope(scope: Scope, quiz: string): boolean {
  return scope.quizzes.includes(quiz);
}
