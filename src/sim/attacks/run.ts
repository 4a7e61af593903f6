/**
 * Running an attack's end: the attacker's moves, then a verdict event that states what she
 * obtained and, when she was stopped, the first message where a rule stopped her.
 */
import type { RuleId } from '../rules';
import type { AttackContext, AttackDef, AttackFinding } from './types';
import type { VulnerabilityId } from './vulnerabilities';

export interface AttackReport extends AttackFinding {
  id: AttackDef['id'];
  defence: 'on' | 'off';
  /** The variant that ran, for attacks that have several. */
  variant: string | undefined;
  /** The first message where a check refused or a server blocked, with the rule it enforced. */
  stoppedAt: { seq: number; rule: RuleId | undefined } | null;
}

export function attackVulnerabilities(attack: AttackDef, defence: 'on' | 'off'): VulnerabilityId[] {
  return [...attack.preconditions, ...(defence === 'off' ? attack.defence.vulnerabilities : [])];
}

export async function finishAttack(attack: AttackDef, ctx: AttackContext): Promise<AttackReport> {
  const { world } = ctx;
  const defence = attack.defence.vulnerabilities.some((v) => world.isVulnerable(v)) ? 'off' : 'on';
  const finding = await attack.act(ctx);
  const events = world.recorder.events;
  const stops = (from: number) =>
    events
      .slice(Math.max(from, 0))
      .filter(
        (e) =>
          (e.mark === 'blocked' ||
            (e.kind === 'internal' && e.outcome === 'refused' && e.stepId !== 'flow-ended')) &&
          e.rule !== undefined,
      );
  // The defence is the first stop from the attacker's first appearance on (refusals in the victim's
  // honest traffic before it are not the defence); failing that, a stop by one of the attack's own
  // rules before she showed up: a server that refused the victim's request left nothing to steal.
  const first = events.findIndex((e) => e.from === 'attacker' || e.to === 'attacker');
  const stop = stops(first)[0] ?? stops(0).find((e) => e.rule !== undefined && attack.rules.includes(e.rule));
  const stoppedAt = finding.attackerWon || !stop ? null : { seq: stop.seq, rule: stop.rule };
  await world.recorder.record({
    kind: 'internal',
    stepId: 'attack-verdict',
    from: 'attacker',
    to: 'attacker',
    title: finding.attackerWon ? 'Attack succeeded' : 'Attack failed',
    outcome: finding.attackerWon ? 'ok' : 'refused',
    mark: finding.attackerWon ? 'breach' : 'defended',
    ...(stoppedAt?.rule ? { rule: stoppedAt.rule } : {}),
    detail: {
      summary: `${finding.evidence} ${finding.attackerWon ? attack.explain.vulnerable : attack.explain.defended}`,
      ...(stoppedAt
        ? { values: { stopped_at_message: String(stoppedAt.seq + 1), rule: stoppedAt.rule ?? '' } }
        : {}),
    },
  });
  return { ...finding, id: attack.id, variant: attack.variant, defence, stoppedAt };
}
