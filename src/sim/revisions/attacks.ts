/**
 * Attacks across time: each attack of the lab played, defence on, under every revision, by that
 * revision's honest parties. Whether the attacker wins comes from the run (the lab's own verdict);
 * where an attack cannot be played under a revision, the reason comes from the revision (its victim's
 * scenario or registration mode is not there yet, or the situation it needs: AttackDef.needs).
 */
import { resolveAttack } from '../attacks/registry';
import type { AttackId } from '../attacks/ids';
import { runFlow } from '../flow/simulation';
import type { RuleId } from '../rules';
import { REVISIONS } from './ids';
import type { Revision } from './ids';
import { defenceOf, unplayableIn } from './attackHistory';

export interface AttackRef {
  id: AttackId;
  variant?: string | undefined;
}

export type AttackInRevision =
  | { revision: Revision; state: 'won'; evidence: string }
  | { revision: Revision; state: 'stopped'; rule: RuleId | undefined; evidence: string }
  | { revision: Revision; state: 'not-applicable'; why: string };

export interface AttackAcrossTime {
  attack: AttackRef;
  /** The rules the defence enforces (those its vulnerabilities break). */
  defence: RuleId[];
  /** The first revision that has all of them (docs/reference §3.5). */
  ruleArrived: Revision | undefined;
  rows: AttackInRevision[];
  /** From the runs: the first revision under which it is stopped, and under every later one. */
  firstStopped: Revision | undefined;
}

/** Why the attack cannot be played under this revision, or null when it can. */
export function attackUnplayable(ref: AttackRef, revision: Revision): string | null {
  return unplayableIn(resolveAttack(ref), revision);
}

export async function attackInRevision(
  ref: AttackRef,
  revision: Revision,
  seed = 'truth',
): Promise<AttackInRevision> {
  const why = attackUnplayable(ref, revision);
  if (why) return { revision, state: 'not-applicable', why };
  const run = await runFlow({
    seed,
    scenario: 'first-connection',
    registration: 'dcr',
    revision,
    attack: { id: ref.id, defence: 'on', ...(ref.variant ? { variant: ref.variant } : {}) },
  });
  const report = run.attack;
  if (report?.attackerWon) return { revision, state: 'won', evidence: report.evidence };
  return { revision, state: 'stopped', rule: report?.stoppedAt?.rule, evidence: report?.evidence ?? '' };
}

export async function attackAcrossTime(ref: AttackRef, seed = 'truth'): Promise<AttackAcrossTime> {
  const rows: AttackInRevision[] = [];
  for (const revision of REVISIONS) rows.push(await attackInRevision(ref, revision, seed));
  let firstStopped: Revision | undefined;
  for (const row of [...rows].reverse()) {
    if (row.state === 'won') break;
    if (row.state === 'stopped') firstStopped = row.revision;
  }
  return { attack: ref, ...defenceOf(resolveAttack(ref)), rows, firstStopped };
}
