/**
 * The honest simulator passes every check an imported HAR runs: each scenario and registration mode,
 * exported as HAR (the app's own export) and imported again, breaks no rule. The checks and the
 * servers that follow the rules therefore agree; a check that flagged honest behaviour would fail here.
 */
import { describe, expect, it } from 'vitest';
import { runFlow } from '../../src/sim/flow/simulation';
import { importHar } from '../../src/sim/har';
import { REGISTRATION_MODE_IDS, SCENARIO_IDS } from '../../src/sim/scenarios';
import { toHar } from '../../src/sim/trace/export';

describe('the honest simulator, exported and imported', () => {
  for (const scenario of SCENARIO_IDS) {
    for (const registration of REGISTRATION_MODE_IDS) {
      it(`${scenario}, ${registration}: no rule broken`, async () => {
        const run = await runFlow({ seed: 'har', scenario, registration });
        const result = await importHar(JSON.stringify(toHar(run.trace)));
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const broken = result.value.summary.failed.map(
          (r) => `${r.rule}: ${r.findings.map((f) => `${f.check.label} (${f.check.detail})`).join('; ')}`,
        );
        expect(broken).toEqual([]);
        expect(result.value.summary.passed.length).toBeGreaterThan(0);
      });
    }
  }
});
