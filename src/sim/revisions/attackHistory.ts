/**
 * What the rule table says about an attack across time, without running anything (so the attack
 * lab can say it without loading more): the rules its defence enforces, the revision that brought
 * them, and whether a revision can play it at all. revisions/attacks.ts runs it.
 */
import type { AttackDef } from '../attacks/types';
import { VULNERABILITIES } from '../attacks/vulnerabilities';
import type { RuleId } from '../rules';
import type { Revision } from './ids';
import { registrationUnsupported, scenarioUnsupported } from './profile';
import { firstRevisionOf, firstRevisionWithAll, ruleIn } from './rules';

/** The rules the defence enforces (those its vulnerabilities break), and the first revision with them all. */
export function defenceOf(def: Pick<AttackDef, 'defence'>): {
  defence: RuleId[];
  ruleArrived: Revision | undefined;
} {
  const defence = [...new Set(def.defence.vulnerabilities.map((v) => VULNERABILITIES[v].breaks))];
  return { defence, ruleArrived: firstRevisionWithAll(defence) };
}

/** Why the attack cannot be played under this revision, or null when it can. */
export function unplayableIn(def: Pick<AttackDef, 'needs' | 'victim'>, revision: Revision): string | null {
  const missing = def.needs?.rules.find((rule) => !ruleIn(revision, rule));
  if (def.needs && missing) return `${def.needs.why} (${missing}, from ${firstRevisionOf(missing)})`;
  return (
    scenarioUnsupported(revision, def.victim.scenario) ??
    registrationUnsupported(revision, def.victim.registration)
  );
}
