/**
 * The next step after a run, from its recap: the lesson that teaches the rules that decided it, that
 * lesson's quiz, and the attack that breaks this flow (or, after an attack, the same attack with the
 * defence the other way). Chosen by the rules the run itself showed, so a new scenario, attack or
 * lesson is covered without a table of its own. Pure: the lessons and attacks are passed in.
 */
import type { AttackId } from '../../sim/attacks/ids';
import type { RuleId } from '../../sim/rules';
import type { ScenarioId } from '../../sim/scenarios';
import type { RunRecap } from '../../sim/trace/recap';

export interface LessonRef {
  id: string;
  title: string;
  order: number;
  rules: readonly RuleId[];
}

export interface AttackRef {
  id: AttackId;
  title: string;
  lesson: string;
  rules: readonly RuleId[];
  victim: { scenario: ScenarioId };
}

export interface NextSteps {
  lesson: { id: string; title: string } | null;
  attack: { href: string; title: string; defence: 'on' | 'off' } | null;
}

/** A decisive rule (it refused, failed or was skipped) counts three times one that held. */
function weight(recap: RunRecap, rules: readonly RuleId[]): number {
  let score = 0;
  for (const d of recap.decided) if (rules.includes(d.rule)) score += d.verdict === 'held' ? 1 : 3;
  return score;
}

function best<T>(items: readonly T[], score: (item: T) => number): T | null {
  let found: T | null = null;
  let top = 0;
  for (const item of items) {
    const s = score(item);
    if (s > top) [found, top] = [item, s];
  }
  return found;
}

export function nextSteps(
  recap: RunRecap,
  run: { scenario: ScenarioId; attack?: { id: AttackId; defence: 'on' | 'off' } | undefined },
  lessons: readonly LessonRef[],
  attacks: readonly AttackRef[],
  /** Lessons already read: among equally good lessons, an unread one comes first. */
  read: ReadonlySet<string> = new Set(),
): NextSteps {
  const ran = run.attack ? attacks.find((a) => a.id === run.attack?.id) : undefined;
  if (run.attack && ran) {
    const lesson = lessons.find((l) => l.id === ran.lesson) ?? null;
    const defence = run.attack.defence === 'on' ? 'off' : 'on';
    return {
      lesson: lesson && { id: lesson.id, title: lesson.title },
      attack: { href: `#/sim?attack=${ran.id}&defence=${defence}`, title: ran.title, defence },
    };
  }
  const sorted = [...lessons].sort((a, b) => a.order - b.order);
  // Unread first at equal weight: the score breaks ties in favour of the lesson not read yet.
  const lesson = best(sorted, (l) => weight(recap, l.rules) * 2 + (read.has(l.id) ? 0 : 1) - 1);
  const here = attacks.filter((a) => a.victim.scenario === run.scenario);
  const attack = best(here.length > 0 ? here : attacks, (a) => weight(recap, a.rules));
  return {
    lesson: lesson && { id: lesson.id, title: lesson.title },
    attack: attack && { href: `#/sim?attack=${attack.id}&defence=off`, title: attack.title, defence: 'off' },
  };
}
