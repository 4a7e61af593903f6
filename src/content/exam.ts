/** The final exam's draw over validated questions (load.ts), apart from the parsing in content.ts. */
import { shuffle } from '../sim/world/random';
import type { Rng } from '../sim/world/random';
import type { Question } from './schema';

/**
 * Draws `count` distinct questions spread across lessons: one from each lesson (in random lesson
 * order) before a second from any, then shuffled. With the same generator state it draws the same
 * exam, so a seeded exam can be shared.
 */
export function drawExam(
  questions: readonly Question[],
  rng: Pick<Rng, 'nextUint32'>,
  count: number,
): Question[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number ≥ 0, not ${count}`);
  const byLesson = new Map<string, Question[]>();
  for (const question of questions) {
    const group = byLesson.get(question.lesson) ?? [];
    group.push(question);
    byLesson.set(question.lesson, group);
  }
  const pools = shuffle([...byLesson.values()], rng).map((group) => shuffle(group, rng));
  const picked: Question[] = [];
  const limit = Math.min(count, questions.length);
  for (let round = 0; picked.length < limit; round++) {
    for (const pool of pools) {
      const question = pool[round];
      if (question !== undefined && picked.length < limit) picked.push(question);
    }
  }
  return shuffle(picked, rng);
}
