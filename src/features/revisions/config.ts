/**
 * The run configuration under a spec revision, as the picker asks for it: pure, so the rule that a
 * revision only plays what it has is tested without a screen. Whatever it cannot play falls back to
 * what it can (the picker says why); the latest revision is the default and is not written down, so
 * a run that names none is the one it always was.
 */
import type { RunConfig } from '../../sim/flow/simulation';
import { LATEST_REVISION } from '../../sim/revisions/ids';
import type { Revision } from '../../sim/revisions/ids';
import {
  registrationUnsupported,
  scenarioUnsupported,
  supportedRegistration,
} from '../../sim/revisions/profile';
import { REGISTRATION_MODE_IDS, REGISTRATION_MODES, SCENARIO_IDS, SCENARIOS } from '../../sim/scenarios';
import type { RegistrationMode, ScenarioId } from '../../sim/scenarios';

export function revisionOf(config: RunConfig): Revision {
  return config.revision ?? LATEST_REVISION;
}

export function withRevision(config: RunConfig, revision: Revision): RunConfig {
  const { revision: _old, client: _client, ...rest } = config;
  return {
    ...rest,
    scenario: scenarioUnsupported(revision, config.scenario) ? 'first-connection' : config.scenario,
    registration: supportedRegistration(revision, config.registration),
    ...(revision !== LATEST_REVISION ? { revision } : {}),
  };
}

/** Why an option of the scenario or registration pickers is not there under this revision, or null. */
export function scenarioReason(config: RunConfig, scenario: ScenarioId): string | null {
  return scenarioUnsupported(revisionOf(config), scenario);
}

export function registrationReason(config: RunConfig, registration: RegistrationMode): string | null {
  return registrationUnsupported(revisionOf(config), registration);
}

/** One sentence for the picker's note: what this revision cannot play, and why. */
export function revisionNote(config: RunConfig): string | null {
  const revision = revisionOf(config);
  const missing = [
    ...SCENARIO_IDS.flatMap((id) => {
      const why = scenarioUnsupported(revision, id);
      return why ? [`${SCENARIOS[id].title}: ${why}`] : [];
    }),
    ...REGISTRATION_MODE_IDS.flatMap((id) => {
      const why = registrationUnsupported(revision, id);
      return why ? [`${REGISTRATION_MODES[id].title}: ${why}`] : [];
    }),
  ];
  return missing.length > 0 ? `Not in ${revision}. ${missing.join(' ')}` : null;
}
