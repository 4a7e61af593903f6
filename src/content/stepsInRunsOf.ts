/**
 * The steps each scenario x registration mode produces, computed by running the simulator headless
 * (the seed of a link without one). Used by scripts/gen-steps.ts and by the test that keeps the
 * generated table (stepsInRuns.ts) true.
 */
import { runFlow } from '../sim/flow/simulation';
import { REGISTRATION_MODE_IDS, SCENARIO_IDS } from '../sim/scenarios';
import type { RegistrationMode, ScenarioId } from '../sim/scenarios';
import { STEP_IDS } from '../sim/steps';
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
