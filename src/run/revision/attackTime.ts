/**
 * What the attack lab says about an attack across time, from the rule table alone (nothing runs):
 * which revision brought its defence, whether the run's revision has it, whether the run's
 * revision can play the attack at all, and which revision to offer instead. Pure, so each sentence
 * the lab shows is tested without a screen; whether the attack then works is for the run to show.
 */
import type { AttackDef } from '../../sim/attacks/types';
import { defenceOf, unplayableIn } from '../../sim/revisions/attackHistory';
import { LATEST_REVISION, REVISIONS, previousRevision } from '../../sim/revisions/ids';
import type { Revision } from '../../sim/revisions/ids';
import type { RuleId } from '../../sim/rules';

type Attack = Pick<AttackDef, 'id' | 'defence' | 'needs' | 'victim' | 'variant' | 'variants'>;

export interface AttackTime {
  /** The rules the defence enforces, and the first revision with them all. */
  defence: RuleId[];
  arrived: Revision | undefined;
  /** Why the run's revision cannot play the attack, and the first revision that can. */
  unplayable: { why: string; from: Revision | undefined } | null;
  /** The run's revision is older than the defence: its honest parties do not enforce it. */
  beforeRule: boolean;
  /** The revision just before the defence, where the lab offers to run it, or why it cannot. */
  before: { revision: Revision; why: string | null } | null;
}

export function attackTime(attack: Attack, running: Revision): AttackTime {
  const { defence, ruleArrived } = defenceOf(attack);
  const why = unplayableIn(attack, running);
  const previous = ruleArrived && previousRevision(ruleArrived);
  return {
    defence,
    arrived: ruleArrived,
    unplayable: why ? { why, from: REVISIONS.find((r) => unplayableIn(attack, r) === null) } : null,
    beforeRule: ruleArrived !== undefined && running < ruleArrived,
    before: previous ? { revision: previous, why: unplayableIn(attack, previous) } : null,
  };
}

/** The attack, defence on, under a revision: the lab's own link (`#/sim?attack=…&rev=…`). */
export function attackHref(
  attack: Pick<AttackDef, 'id' | 'variant' | 'variants'>,
  revision: Revision,
): string {
  const p = new URLSearchParams({ attack: attack.id, defence: 'on' });
  if (attack.variant && attack.variant !== attack.variants?.[0].id) p.set('variant', attack.variant);
  if (revision !== LATEST_REVISION) p.set('rev', revision);
  return `#/sim?${p.toString()}`;
}
