/**
 * The run configuration under a spec revision, as the pickers ask for it: pure, so the rule that a
 * revision only plays what it has is tested without a screen. Whatever it cannot play falls back to
 * what it can; its option stays in the picker, disabled, and its label says when it arrived (from
 * the rule that brought it: sim/revisions/profile.ts). The latest revision is the default and is
 * not written down, so a run that names none is the one it always was.
 */
import type { AttackDef } from '../../sim/attacks/types';
import type { RunConfig } from '../../sim/flow/simulation';
import type { Core } from '../core/loadCore';
import { unplayableIn } from '../../sim/revisions/attackHistory';
import { LATEST_REVISION } from '../../sim/revisions/ids';
import type { Revision } from '../../sim/revisions/ids';
import {
  registrationArrival,
  scenarioArrival,
  scenarioUnsupported,
  supportedRegistration,
} from '../../sim/revisions/profile';
import type { Arrival } from '../../sim/revisions/profile';
import { REGISTRATION_MODE_IDS, REGISTRATION_MODES, SCENARIO_IDS, SCENARIOS } from '../../sim/scenarios';
import type { RegistrationMode, ScenarioId } from '../../sim/scenarios';

export function revisionOf(config: RunConfig): Revision {
  return config.revision ?? LATEST_REVISION;
}

/**
 * The run under another revision. An attack on is kept when the revision can play it (`attack` is
 * its definition, from the registry); otherwise it goes off, and the lab says why it cannot be on.
 */
export function withRevision(
  config: RunConfig,
  revision: Revision,
  attack?: Pick<AttackDef, 'needs' | 'victim'>,
): RunConfig {
  const { revision: _old, client: _client, attack: running, ...rest } = config;
  const keep = running && attack && unplayableIn(attack, revision) === null;
  return {
    ...(keep ? { attack: running } : {}),
    ...rest,
    scenario: scenarioUnsupported(revision, config.scenario) ? 'first-connection' : config.scenario,
    registration: supportedRegistration(revision, config.registration),
    ...(revision !== LATEST_REVISION ? { revision } : {}),
  };
}

/**
 * Whether the run's attack is one its revision can play (true without an attack, or before the
 * core is here to say). A link can ask for one it cannot (mix-up under 2025-06-18): the run then
 * has no verdict to give, and the lab, its tab and the announcer say so instead of one.
 */
export function attackPlayable(config: RunConfig, core: Pick<Core, 'resolveAttack'> | null): boolean {
  if (!config.attack || !core) return true;
  return unplayableIn(core.resolveAttack(config.attack), revisionOf(config)) === null;
}

export interface PickerOption<T extends string> {
  id: T;
  /** The title, and for an option the revision lacks, when it arrived: read aloud with the option. */
  label: string;
  disabled: boolean;
}

/** When it came: a revision and its proposal, or for what no revision has, what it is played with. */
function when({ since, by, outside }: Arrival): string {
  if (outside === 'extension') return `an extension, played with ${since}`;
  if (outside === 'roadmap') return `on the roadmap, played with ${since}`;
  return `arrived in ${since}, ${by}`;
}

/** An option of a picker; `missing` is what the revisions in play lack, if anything. */
export function pickerOption<T extends string>(
  id: T,
  title: string,
  missing: Arrival | null,
): PickerOption<T> {
  return { id, label: missing ? `${title} (${when(missing)})` : title, disabled: missing !== null };
}

export function scenarioOptions(revision: Revision): PickerOption<ScenarioId>[] {
  return SCENARIO_IDS.map((id) => pickerOption(id, SCENARIOS[id].title, scenarioArrival(revision, id)));
}

export function registrationOptions(
  revision: Revision,
  ids: readonly RegistrationMode[] = REGISTRATION_MODE_IDS,
): PickerOption<RegistrationMode>[] {
  return ids.map((id) => pickerOption(id, REGISTRATION_MODES[id].title, registrationArrival(revision, id)));
}
