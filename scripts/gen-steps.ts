/**
 * Writes src/content/stepsInRuns.ts: which steps each scenario x registration mode produces, read
 * from headless runs of the simulator itself, so that content links are checked against what the
 * runs do rather than against a hand-written table. Run: npm run gen:steps (a test fails when the
 * file is stale).
 */
import { writeFileSync } from 'node:fs';
import { stepsInRuns, stepsInRunsByRevision } from '../src/content/stepsInRunsOf';

const table = await stepsInRuns();
const body = Object.entries(table)
  .map(
    ([scenario, regs]) =>
      `  '${scenario}': {\n${Object.entries(regs)
        .map(([reg, steps]) => `    ${reg}: [${steps.map((s) => `'${s}'`).join(', ')}],`)
        .join('\n')}\n  },`,
  )
  .join('\n');
writeFileSync(
  new URL('../src/content/stepsInRuns.ts', import.meta.url),
  `/**
 * Which steps each scenario x registration mode produces, read from headless runs by
 * scripts/gen-steps.ts (npm run gen:steps). Generated: edit the simulator, not this file; a test
 * fails when it no longer matches what the runs do.
 */
import type { RegistrationMode, ScenarioId } from '../sim/scenarios';
import type { StepId } from '../sim/steps';

export const STEPS_IN_RUNS: Record<ScenarioId, Record<RegistrationMode, readonly StepId[]>> = {
${body}
};
`,
);
console.log('wrote src/content/stepsInRuns.ts');

const byRevision = await stepsInRunsByRevision();
const revisionBody = Object.entries(byRevision)
  .map(
    ([revision, scenarios]) =>
      `  '${revision}': {\n${Object.entries(scenarios)
        .map(
          ([scenario, regs]) =>
            `    '${scenario}': {\n${Object.entries(regs)
              .map(([reg, steps]) => `      ${reg}: [${steps.map((s) => `'${s}'`).join(', ')}],`)
              .join('\n')}\n    },`,
        )
        .join('\n')}\n  },`,
  )
  .join('\n');
writeFileSync(
  new URL('../src/content/stepsInRunsByRevision.ts', import.meta.url),
  `/**
 * Which steps each scenario x registration mode produces under each earlier revision (the latest's
 * are in stepsInRuns.ts), read from headless runs by scripts/gen-steps.ts (npm run gen:steps).
 * Generated: edit the simulator, not this file; a test fails when it no longer matches the runs.
 */
import type { Revision } from '../sim/revisions/ids';
import type { RegistrationMode, ScenarioId } from '../sim/scenarios';
import type { StepId } from '../sim/steps';

export const STEPS_IN_RUNS_BY_REVISION: Partial<
  Record<Revision, Partial<Record<ScenarioId, Partial<Record<RegistrationMode, readonly StepId[]>>>>>
> = {
${revisionBody}
};
`,
);
console.log('wrote src/content/stepsInRunsByRevision.ts');
