/**
 * Judging a learner's diagnosis: the party and the rule they name against the fault's own
 * (expectedAnswer). A right party with another rule of it is worth saying so: the learner is looking
 * at the right place.
 */
import { isRuleId, RULES } from '../rules';
import type { RuleParty } from '../parties';
import type { RuleId } from '../rules';
import { expectedAnswer } from './drills';
import type { FaultId } from './faults';

export type Verdict = 'right' | 'right-party' | 'wrong';

export interface Diagnosis {
  party: RuleParty;
  rule: RuleId;
}

export function judgeDiagnosis(fault: FaultId, given: Diagnosis): Verdict {
  const expected = expectedAnswer(fault);
  if (given.party === expected.party && given.rule === expected.rule) return 'right';
  return given.party === expected.party ? 'right-party' : 'wrong';
}

/** The rules a party is bound by, in the reference's order: the choices a diagnosis offers. */
export function rulesOf(party: RuleParty): RuleId[] {
  return Object.keys(RULES)
    .filter(isRuleId)
    .filter((id) => RULES[id].party === party);
}
