/**
 * The recap of a finished run, for every run the simulator plays: each rule it names is one the
 * run's own messages show being enforced (or skipped) where it says, the decisive ones first; a
 * refused run names the rule that refused it among the decisive ones; an attack stopped by a rule names
 * that rule as decisive.
 */
import { describe, expect, it } from 'vitest';
import { ATTACK_IDS } from '../src/sim/attacks/ids';
import { runFlow } from '../src/sim/flow/simulation';
import type { RunConfig } from '../src/sim/flow/simulation';
import { REGISTRATION_MODE_IDS, SCENARIO_IDS } from '../src/sim/scenarios';
import { recapOf } from '../src/sim/trace/recap';
import type { RuleDecision } from '../src/sim/trace/recap';
import type { TraceEvent } from '../src/sim/trace/types';

const RUNS: { name: string; config: RunConfig }[] = [
  ...SCENARIO_IDS.flatMap((scenario) =>
    REGISTRATION_MODE_IDS.map((registration) => ({
      name: `${scenario}, ${registration}`,
      config: { seed: 'recap', scenario, registration },
    })),
  ),
  ...ATTACK_IDS.flatMap((id) =>
    (['on', 'off'] as const).map((defence) => ({
      name: `${id}, defence ${defence}`,
      config: {
        seed: 'recap',
        scenario: 'first-connection' as const,
        registration: 'cimd' as const,
        attack: { id, defence },
      },
    })),
  ),
];

/** Where the trace itself shows the decision: the message at its seq carries the rule so. */
function shown(trace: readonly TraceEvent[], d: RuleDecision): boolean {
  const event = trace[d.seq];
  if (!event) return false;
  switch (d.verdict) {
    case 'refused':
      return (
        (event.kind === 'response' && event.refusal?.rule === d.rule) ||
        (event.kind !== 'request' &&
          event.kind !== 'response' &&
          event.outcome === 'refused' &&
          event.rule === d.rule)
      );
    case 'failed':
    case 'skipped':
    case 'held': {
      const status = d.verdict === 'failed' ? 'fail' : d.verdict === 'skipped' ? 'skipped' : 'pass';
      return (
        (event.kind === 'internal' || event.kind === 'handoff') &&
        (event.detail.checks ?? []).some((c) => c.rule === d.rule && c.status === status)
      );
    }
  }
}

describe('the recap of a run', () => {
  for (const { name, config } of RUNS) {
    it(`${name}: names the rules that decided it, as the trace shows them`, async () => {
      const result = await runFlow(config);
      const recap = recapOf(result.trace, result.outcome);
      expect(recap.outcome).toBe(result.outcome.kind);
      expect(recap.messages).toBe(result.trace.length);
      expect(recap.decided.length).toBeGreaterThan(0);
      for (const d of recap.decided)
        expect(shown(result.trace, d), `${d.rule} ${d.verdict} at ${d.seq}`).toBe(true);
      // Each rule once; decisive verdicts before the rules that held.
      expect(new Set(recap.decided.map((d) => d.rule)).size).toBe(recap.decided.length);
      const held = recap.decided.findIndex((d) => d.verdict === 'held');
      if (held !== -1) expect(recap.decided.slice(held).every((d) => d.verdict === 'held')).toBe(true);
      const { outcome } = result;
      if (outcome.kind === 'refused' && outcome.rule)
        expect(recap.decided.some((d) => d.rule === outcome.rule && d.verdict !== 'held')).toBe(true);
      const stop = result.attack?.stoppedAt?.rule;
      if (stop) expect(recap.decided.find((d) => d.rule === stop)?.verdict).not.toBe('held');
    });
  }
});
