/**
 * Attacks across time: each attack of the lab played, defence on, under every revision, by that
 * revision's honest parties. Whether the attacker wins comes from the run (the lab's own verdict);
 * where an attack cannot be played under a revision, the reason comes from the revision (its victim's
 * scenario or registration mode is not there yet, or the situation it needs: AttackDef.needs).
 */
import { resolveAttack } from '../attacks/registry';
import type { AttackId } from '../attacks/ids';
import { VULNERABILITIES } from '../attacks/vulnerabilities';
import { runFlow } from '../flow/simulation';
import type { RuleId } from '../rules';
import { REVISIONS } from './ids';
import type { Revision } from './ids';
import { registrationUnsupported, scenarioUnsupported } from './profile';
import { firstRevisionOf, firstRevisionWithAll, ruleIn } from './rules';

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
  const def = resolveAttack(ref);
  const missing = def.needs?.rules.find((rule) => !ruleIn(revision, rule));
  if (def.needs && missing) return `${def.needs.why} (${missing}, from ${firstRevisionOf(missing)})`;
  return (
    scenarioUnsupported(revision, def.victim.scenario) ??
    registrationUnsupported(revision, def.victim.registration)
  );
}

/** The defence's rules and the first revision that has them all. */
export function defenceOf(ref: AttackRef): { defence: RuleId[]; ruleArrived: Revision | undefined } {
  const def = resolveAttack(ref);
  const defence = [...new Set(def.defence.vulnerabilities.map((v) => VULNERABILITIES[v].breaks))];
  return { defence, ruleArrived: firstRevisionWithAll(defence) };
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
  return { attack: ref, ...defenceOf(ref), rows, firstStopped };
}
