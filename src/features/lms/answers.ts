/**
 * An answer to a quiz question, as a learning platform records it: the question's kind, the learner's
 * response and the correct one. Choices and ordered items are named by letters in authored order
 * (`a` is the first answer or item as written in lessons/quiz/*.json, whatever order the attempt
 * showed them in), which suits both SCORM 1.2 (single characters) and 2004/xAPI (short identifiers).
 */
import type { Question } from '../../content/schema';
import type { Answer } from '../../course/progress';
import { correctAnswerIndex } from '../../content/questions';

export const letter = (index: number): string => String.fromCharCode(97 + index);

export interface AnswerRecord {
  type: 'choice' | 'sequencing';
  response: string[];
  correctResponse: string[];
  /** The choices or items, with their letters (xAPI interaction components). */
  components: { id: string; text: string }[];
}

/** Null when the answer does not fit the question (a different kind, an index out of range). */
export function answerRecord(question: Question, answer: Answer): AnswerRecord | null {
  if (question.kind === 'choice' && answer.kind === 'choice') {
    if (answer.chosen < 0 || answer.chosen >= question.answers.length) return null;
    return {
      type: 'choice',
      response: [letter(answer.chosen)],
      correctResponse: [letter(correctAnswerIndex(question))],
      components: question.answers.map((a, i) => ({ id: letter(i), text: a.text })),
    };
  }
  if (question.kind === 'order' && answer.kind === 'order') {
    const n = question.items.length;
    if (answer.arrangement.some((i) => i < 0 || i >= n)) return null;
    return {
      type: 'sequencing',
      response: answer.arrangement.map(letter),
      correctResponse: question.items.map((_, i) => letter(i)),
      components: question.items.map((text, i) => ({ id: letter(i), text })),
    };
  }
  return null;
}
