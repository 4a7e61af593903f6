/**
 * The lessons and quiz as the app uses them: read by Vite at build time (sources.ts), parsed and
 * validated once. Broken content throws here, at load, with every problem listed; the content test
 * runs the same checks, so a build with broken content never ships.
 */
import type { Rng } from '../sim/world/random';
import { drawExam, loadContent, type Lesson } from './content';
import type { Question } from './schema';
import { lessonSources, quizSources } from './sources';

const content = loadContent(lessonSources, quizSources);
if (content.problems.length > 0) {
  throw new Error(`Invalid teaching content:\n${content.problems.join('\n')}`);
}

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
