/** Facts about a question read from its authored form (lessons/quiz/*.json), for the quiz and for reports. */
import type { ChoiceQuestion } from './schema';

/** The index of the correct answer as authored (the schema requires exactly one). */
export function correctAnswerIndex(question: ChoiceQuestion): number {
  return question.answers.findIndex((answer) => answer.correct);
}
