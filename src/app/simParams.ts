/**
 * The simulator's part of the URL: `#/sim?scenario=…&reg=…&seed=…&step=12` (or `at=token:response`),
 * plus `consent=approve,deny` for the learner's consent answers so a link replays the same run,
 * and `attack=<id>&defence=on|off` (with `variant=<id>` for one of its variants) for a run of the attack lab,
 * `rev=<date>` for a revision of the spec other than the latest (and `client=<date>|dual-era` for a
 * client of another one: mixed eras), and `sel=<n>` for the message open
 * in the inspector when it is not the newest. (The view switches, `present`, `mask`, `embed`..., are
 * the shell's: src/run/view/view.ts.)
 */
import { isAttackId, variantOf } from '../sim/attacks/ids';
import type { AttackId } from '../sim/attacks/ids';
import type { Decision } from '../sim/browser/browser';
import type { RunConfig } from '../sim/flow/simulation';
import {
  DEFAULT_REGISTRATION,
  DEFAULT_SCENARIO,
  isRegistrationMode,
  isScenarioId,
  REGISTRATION_MODES,
  SCENARIOS,
} from '../sim/scenarios';
import { parseStepRef } from '../sim/stepRef';
import { isRevision, LATEST_REVISION } from '../sim/revisions/ids';
import {
  isClientKind,
  registrationUnsupported,
  scenarioUnsupported,
  supportedRegistration,
} from '../sim/revisions/profile';
import type { Target } from '../run/player/positioning';

export const DEFAULT_CONFIG: RunConfig = {
  seed: 'demo',
  scenario: DEFAULT_SCENARIO,
  registration: DEFAULT_REGISTRATION,
};

export interface SimSetup {
  config: RunConfig;
  target: Target;
  decisions: Decision[];
  /** `sel=<n>`: the message open in the inspector (its seq), when not the newest one. */
  selected?: number;
  /**
   * What the link asked for that its revision cannot play, and what the run plays instead, in
   * sentences for the learner (only for a choice the link named: a default that falls back is no news).
   */
  fallbacks?: string[];
}

function isDecision(value: string): value is Decision {
  return value === 'approve' || value === 'deny';
}

function attackParams(id: AttackId, params: URLSearchParams): NonNullable<RunConfig['attack']> {
  const variant = variantOf(id, params.get('variant'));
  return {
    id,
    defence: params.get('defence') === 'off' ? 'off' : 'on',
    // An unknown variant is dropped: the attack runs as it is by default.
    ...(variant ? { variant } : {}),
  };
}

export function readSimParams(query: string): SimSetup {
  const params = new URLSearchParams(query);
  const scenario = params.get('scenario') ?? '';
  const registration = params.get('reg') ?? '';
  const seed = (params.get('seed') ?? '').trim().slice(0, 64);
  const attack = params.get('attack') ?? '';
  // rev=<date>: the revision the servers and the client follow; the latest needs no parameter.
  const rev = params.get('rev') ?? '';
  const revision = isRevision(rev) ? rev : LATEST_REVISION;
  const client = params.get('client') ?? '';
  const wanted = isScenarioId(scenario) ? scenario : DEFAULT_CONFIG.scenario;
  const wantedRegistration = isRegistrationMode(registration) ? registration : DEFAULT_CONFIG.registration;
  // What the revision cannot play falls back to what it can; the picker and this notice say why.
  const scenarioWhy = scenarioUnsupported(revision, wanted);
  const registrationWhy = registrationUnsupported(revision, wantedRegistration);
  const playedRegistration = supportedRegistration(revision, wantedRegistration);
  const fallbacks = [
    ...(scenarioWhy && isScenarioId(scenario)
      ? [`${scenarioWhy} This ${revision} run plays “${SCENARIOS[DEFAULT_CONFIG.scenario].title}” instead.`]
      : []),
    ...(registrationWhy && isRegistrationMode(registration)
      ? [
          `${registrationWhy} This ${revision} run uses ${REGISTRATION_MODES[playedRegistration].title} instead.`,
        ]
      : []),
  ];
  const config: RunConfig = {
    seed: seed || DEFAULT_CONFIG.seed,
    scenario: scenarioWhy ? DEFAULT_CONFIG.scenario : wanted,
    registration: playedRegistration,
    // The defence is on unless the link says off: the safe reading of a missing value.
    ...(isAttackId(attack) ? { attack: attackParams(attack, params) } : {}),
    ...(revision !== LATEST_REVISION ? { revision } : {}),
    ...(isClientKind(client) && client !== revision ? { client } : {}),
  };
  const at = params.get('at');
  const step = Number.parseInt(params.get('step') ?? '', 10);
  const ref = at ? parseStepRef(at) : null;
  const target: Target = ref?.ok
    ? { kind: 'step', ...ref.value }
    : { kind: 'count', count: Number.isFinite(step) && step > 0 ? step : 0 };
  const decisions = (params.get('consent') ?? '').split(',').filter(isDecision);
  // `sel` counts messages from 1, as the diagram and the list number them.
  const sel = Number.parseInt(params.get('sel') ?? '', 10);
  return {
    config,
    target,
    decisions,
    ...(Number.isFinite(sel) && sel > 0 ? { selected: sel - 1 } : {}),
    ...(fallbacks.length > 0 ? { fallbacks } : {}),
  };
}

export function simHash(
  config: RunConfig,
  count: number,
  decisions: readonly Decision[],
  selected: number | null = null,
): string {
  const params = new URLSearchParams({
    scenario: config.scenario,
    reg: config.registration,
    seed: config.seed,
  });
  if (config.attack) {
    params.set('attack', config.attack.id);
    params.set('defence', config.attack.defence);
    if (config.attack.variant) params.set('variant', config.attack.variant);
  }
  if (config.revision && config.revision !== LATEST_REVISION) params.set('rev', config.revision);
  if (config.client) params.set('client', config.client);
  if (count > 0) params.set('step', String(count));
  if (decisions.length > 0) params.set('consent', decisions.join(','));
  if (selected !== null) params.set('sel', String(selected + 1));
  return `#/sim?${params.toString()}`;
}
