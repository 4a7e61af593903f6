/**
 * The lab's three controls as player events: choosing an attack, the attack switch and the defence
 * switch. Each restarts the run from its first message (LOAD), and the URL follows the config.
 */
import type { AttackDef } from '../../sim/attacks/types';
import type { RunConfig } from '../../sim/flow/simulation';
import { unplayableIn } from '../../sim/revisions/attackHistory';
import { PlayerContext } from '../../run/player/PlayerContext';
import { useSend } from '../../run/player/hooks';
import { revisionOf } from '../../run/revision/config';
import { attackConfig, withoutAttack } from './labConfig';
import type { Defence } from './labConfig';
import type { Lab, Replaced } from './labState';

export interface LabActions {
  choose: (attack: AttackDef) => void;
  setAttackOn: (attack: AttackDef, on: boolean) => void;
  setDefence: (attack: AttackDef, defence: Defence) => void;
  /** `attack` is the variant chosen, resolved (core.resolveAttack). */
  setVariant: (attack: AttackDef) => void;
}

/** Which of the learner's choices an attack's victim flow replaced (issue 16: say so, never silently). */
function replacedBy(before: RunConfig, after: RunConfig): Replaced | null {
  const replaced: Replaced = {
    ...(before.scenario !== after.scenario ? { scenario: before.scenario } : {}),
    ...(before.registration !== after.registration ? { registration: before.registration } : {}),
  };
  return Object.keys(replaced).length > 0 ? replaced : null;
}

export function useLabActions(lab: Lab): LabActions {
  const send = useSend();
  const config = PlayerContext.useSelector((s) => s.context.config);
  const load = (next: RunConfig) => send({ type: 'LOAD', config: next, target: { kind: 'count', count: 0 } });
  const defence = config.attack?.defence ?? lab.defence;
  // An attack the run's revision cannot play is not switched on: the lab shows it, and says why.
  const playable = (attack: AttackDef) => unplayableIn(attack, revisionOf(config)) === null;
  const loadAttack = (attack: AttackDef, next: Defence) =>
    load(playable(attack) ? attackConfig(config, attack, next) : withoutAttack(config));
  return {
    choose: (attack) => {
      lab.pick(attack.id);
      lab.setDefence(defence);
      if (!playable(attack)) {
        if (config.attack) load(withoutAttack(config));
        return;
      }
      const next = attackConfig(config, attack, defence);
      lab.setReplaced(replacedBy(config, next));
      load(next);
    },
    setAttackOn: (attack, on) => {
      if (on === Boolean(config.attack)) return;
      if (config.attack) {
        // Remember what was on (it may have come from a link), for when the attack is switched back on.
        lab.pick(config.attack.id);
        lab.setDefence(config.attack.defence);
        lab.setVariant(config.attack.variant);
      }
      if (on) loadAttack(attack, lab.defence);
      else load(withoutAttack(config));
    },
    setDefence: (attack, next) => {
      lab.setDefence(next);
      // With the attack off the choice waits for it; with it on, the run restarts with the new defence.
      if (config.attack) loadAttack(attack, next);
    },
    setVariant: (attack) => {
      lab.setVariant(attack.variant);
      // Like the defence: with the attack on, the run restarts as the new variant.
      if (config.attack) loadAttack(attack, defence);
    },
  };
}
