/**
 * The steps each scenario x registration mode produces, computed by running the simulator headless
 * (the seed of a link without one). Used by scripts/gen-steps.ts and by the test that keeps the
 * generated table (stepsInRuns.ts) true.
 */
import { runFlow } from '../sim/flow/simulation';
import { REGISTRATION_MODE_IDS, SCENARIO_IDS } from '../sim/scenarios';
import type { RegistrationMode, ScenarioId } from '../sim/scenarios';
import { STEP_IDS } from '../sim/steps';
import { LATEST_REVISION, REVISIONS } from '../sim/revisions/ids';
import type { Revision } from '../sim/revisions/ids';
import { registrationUnsupported, scenarioUnsupported } from '../sim/revisions/profile';
import type { StepId } from '../sim/steps';

export async function stepsInRuns(): Promise<Record<ScenarioId, Record<RegistrationMode, StepId[]>>> {
  const table = {} as Record<ScenarioId, Record<RegistrationMode, StepId[]>>;
  for (const scenario of SCENARIO_IDS) {
    const row = {} as Record<RegistrationMode, StepId[]>;
    for (const registration of REGISTRATION_MODE_IDS) {
      const run = await runFlow({ seed: 'demo', scenario, registration });
      const seen = new Set(run.trace.map((e) => e.stepId));
      row[registration] = STEP_IDS.filter((id) => seen.has(id));
    }
    table[scenario] = row;
  }
  return table;
}

/**
 * The same for every earlier revision (src/sim/revisions), for the scenarios and registration modes
 * that revision can play: links with `rev=` are checked against it.
 */
export async function stepsInRunsByRevision(): Promise<
  Partial<Record<Revision, Partial<Record<ScenarioId, Partial<Record<RegistrationMode, StepId[]>>>>>>
> {
  const table: Partial<
    Record<Revision, Partial<Record<ScenarioId, Partial<Record<RegistrationMode, StepId[]>>>>>
  > = {};
  for (const revision of REVISIONS) {
    if (revision === LATEST_REVISION) continue;
    const byScenario: Partial<Record<ScenarioId, Partial<Record<RegistrationMode, StepId[]>>>> = {};
    for (const scenario of SCENARIO_IDS) {
      if (scenarioUnsupported(revision, scenario)) continue;
      const row: Partial<Record<RegistrationMode, StepId[]>> = {};
      for (const registration of REGISTRATION_MODE_IDS) {
        if (registrationUnsupported(revision, registration)) continue;
        const run = await runFlow({ seed: 'demo', scenario, registration, revision });
        const seen = new Set(run.trace.map((e) => e.stepId));
        row[registration] = STEP_IDS.filter((id) => seen.has(id));
      }
      byScenario[scenario] = row;
    }
    table[revision] = byScenario;
  }
  return table;
}
