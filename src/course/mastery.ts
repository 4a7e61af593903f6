/**
 * Mastery per rule, read from the evidence the progress store keeps (learning.ts): quiz answers,
 * predictions and drills, each recorded against the rules it was about. Derived, never stored, so a
 * change of the thresholds below changes every learner's page at once and loses nothing.
 */
import type { RuleId } from '../sim/rules';
import { STEPS } from '../sim/steps';
import type { Question } from '../content/schema';
import type { Evidence } from './learningData';
import type { StoredProgress } from './progress';

export type Mastery = 'unseen' | 'needs-work' | 'learning' | 'mastered';

/** How many of the newest answers mastery weighs. */
const RECENT = 5;

/**
 * Mastered: at least three answers, the latest right, and four in five of the recent ones right.
 * Needs work: the latest answer was wrong, or fewer than half of the recent ones are right.
 */
export function masteryOf(evidence: readonly Evidence[] | undefined): Mastery {
  if (!evidence || evidence.length === 0) return 'unseen';
  const recent = evidence.slice(-RECENT);
  const right = recent.filter((e) => e.ok).length / recent.length;
  const last = evidence.at(-1);
  if (!last?.ok || right < 0.5) return 'needs-work';
  return evidence.length >= 3 && right >= 0.8 ? 'mastered' : 'learning';
}

/**
 * The rules a quiz question is about: its step's (the message its link opens on), else its
 * lesson's. Read from the link the question already carries, so no question needs a second list to
 * keep in step. (An attack's own rules would be more precise for an attack's question, but reading
 * them means loading every attack's code into the quiz; the lesson names the rules it teaches.)
 */
export function questionRules(question: Question, lessonRules: readonly RuleId[]): RuleId[] {
  const step = question.link.at?.split(':')[0];
  const found = step === undefined ? undefined : Object.entries(STEPS).find(([id]) => id === step)?.[1];
  return found && found.rules.length > 0 ? [...found.rules] : [...lessonRules];
}

export interface RuleMastery {
  rule: RuleId;
  mastery: Mastery;
  /** Answers kept, right ones, and by source. */
  answers: number;
  right: number;
  from: Record<Evidence['from'], number>;
}

export function ruleMastery(progress: StoredProgress, rule: RuleId): RuleMastery {
  const evidence = progress.rules?.[rule] ?? [];
  const from: Record<Evidence['from'], number> = { quiz: 0, predict: 0, drill: 0 };
  for (const e of evidence) from[e.from]++;
  return {
    rule,
    mastery: masteryOf(evidence),
    answers: evidence.length,
    right: evidence.filter((e) => e.ok).length,
    from,
  };
}

/** Each level's rules among `rules`, for "you have …; … needs another look". */
export function byLevel(progress: StoredProgress, rules: readonly RuleId[]): Record<Mastery, RuleId[]> {
  const out: Record<Mastery, RuleId[]> = { unseen: [], 'needs-work': [], learning: [], mastered: [] };
  for (const rule of rules) out[masteryOf(progress.rules?.[rule])].push(rule);
  return out;
}
