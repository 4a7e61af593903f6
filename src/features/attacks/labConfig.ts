/**
 * The run configurations the lab's controls ask for. Pure: the lab sends the result as the player's
 * LOAD, and the URL follows (`#/sim?…&attack=<id>&defence=on|off`).
 */
import type { AttackId } from '../../sim/attacks/ids';
import type { AttackDef } from '../../sim/attacks/types';
import type { RunConfig } from '../../sim/flow/simulation';

export type Defence = 'on' | 'off';

/**
 * The attack with its defence on or off. The scenario and registration are set to the victim's, so
 * the selectors show the flow that really runs, and switching the attack off replays the same flow
 * without the attacker.
 */
export function attackConfig(
  config: RunConfig,
  attack: Pick<AttackDef, 'id' | 'victim' | 'variant' | 'variants'>,
  defence: Defence,
): RunConfig {
  return {
    ...config,
    scenario: attack.victim.scenario,
    registration: attack.victim.registration,
    attack: { id: attack.id, defence, ...variantField(attack) },
  };
}

/** The variant, when it is not the attack's default: links and cache keys name only a real choice. */
function variantField(attack: Pick<AttackDef, 'variant' | 'variants'>): { variant?: string } {
  return attack.variant && attack.variant !== attack.variants?.[0].id ? { variant: attack.variant } : {};
}

/** The same run without the attacker: the normal flow. */
export function withoutAttack(config: RunConfig): RunConfig {
  const { attack: _attack, ...rest } = config;
  return rest;
}

/** A key for one run of the lab, to cache the headless runs the comparison makes. */
export function runKey(config: RunConfig, attack: AttackRef): string {
  return [
    config.seed,
    config.scenario,
    config.registration,
    attack.id,
    attack.variant ?? '',
    config.revision ?? '',
  ].join('|');
}

/** An attack and, for one with several, which variant. */
export interface AttackRef {
  id: AttackId;
  variant?: string | undefined;
}
