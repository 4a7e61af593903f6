/** The rules a quiz question is about, with its lesson's rules to fall back on (course/mastery.ts). */
import { getLesson } from '../../content/load';
import type { Question } from '../../content/schema';
import { questionRules } from '../../course/mastery';
import { isRuleId } from '../../sim/rules';

export function rulesOfQuestion(question: Question) {
  return questionRules(question, (getLesson(question.lesson)?.rules ?? []).filter(isRuleId));
}
