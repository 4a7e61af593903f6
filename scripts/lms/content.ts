/**
 * The course content for the packaging script, read from lessons/ in Node and checked by the same
 * loader the app uses (src/content/content.ts): the package lists exactly the lessons the app has.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent, type Lesson } from '../../src/content/content';

export function readLessons(root: string): Lesson[] {
  const dir = join(root, 'lessons');
  const lessons: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
    lessons[`lessons/${name}`] = readFileSync(join(dir, name), 'utf8');
  }
  const quizzes: Record<string, unknown> = {};
  for (const name of readdirSync(join(dir, 'quiz')).filter((n) => n.endsWith('.json'))) {
    const data: unknown = JSON.parse(readFileSync(join(dir, 'quiz', name), 'utf8'));
    quizzes[`lessons/quiz/${name}`] = data;
  }
  const content = loadContent(lessons, quizzes);
  if (content.problems.length > 0)
    throw new Error(`Invalid teaching content:\n${content.problems.join('\n')}`);
  return content.lessons;
}
