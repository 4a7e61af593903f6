/**
 * Which rules a revision has, read from the rule table (docs/reference §3.5, generated into
 * rules.ts). This is the one question every party asks where it enforces a rule: a party of a
 * revision enforces a rule only in the revisions that have it.
 */
import { RULES } from '../rules';
import type { RuleId } from '../rules';
import { REVISIONS } from './ids';
import type { Revision } from './ids';

function levels(rule: RuleId): Partial<Record<Revision, string>> {
  return RULES[rule].revisions;
}

/** Does this revision have this rule? */
export function ruleIn(revision: Revision, rule: RuleId): boolean {
  return levels(rule)[revision] !== undefined;
}

/** The rule's level in that revision, with what differed in parentheses (undefined: no such rule). */
export function levelIn(revision: Revision, rule: RuleId): string | undefined {
  return levels(rule)[revision];
}

/** The revisions that have the rule, oldest first. */
export function revisionsOf(rule: RuleId): Revision[] {
  return REVISIONS.filter((r) => ruleIn(r, rule));
}

/** The first revision that has the rule (every rule is in at least one: gen-rules checks it). */
export function firstRevisionOf(rule: RuleId): Revision {
  return revisionsOf(rule)[0] ?? REVISIONS[REVISIONS.length - 1] ?? '2026-07-28';
}

/** The first revision that has every one of these rules; undefined when no revision has them all. */
export function firstRevisionWithAll(rules: readonly RuleId[]): Revision | undefined {
  return REVISIONS.find((r) => rules.every((rule) => ruleIn(r, rule)));
}
