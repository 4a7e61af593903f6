/**
 * The lessons and quiz as the app uses them: parsed and validated when the app is built
 * (scripts/teachingContent.ts, with the checks of content.ts that the content test runs too), so
 * what arrives here is checked data and a build with broken content never ships.
 */
import content from 'virtual:teaching-content';
import type { Rng } from '../sim/world/random';
import type { Lesson } from './content';
import { drawExam } from './exam';
import type { Question } from './schema';

/** The lessons, sorted by `order`. */
export const LESSONS: readonly Lesson[] = content.lessons;

/** Every quiz question, grouped by lesson in lesson order. */
export const QUESTIONS: readonly Question[] = content.questions;

export function getLesson(id: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.id === id);
}

export function questionsFor(lessonId: string): Question[] {
  return QUESTIONS.filter((question) => question.lesson === lessonId);
}

/** A final exam of `count` questions drawn across all lessons (see drawExam). */
export function finalExam(rng: Pick<Rng, 'nextUint32'>, count: number): Question[] {
  return drawExam(QUESTIONS, rng, count);
}
