/**
 * Whether an address opens the simulator at the start of a scenario without an attack, and which:
 * the first paint's side column (SimSkeleton.tsx) then already shows what the app's first render
 * will, the scenario's introduction and the empty inspector. Any address that may open elsewhere
 * (a step, a selected message, an attack, another revision or client) is null: the side column is
 * a plain box until the simulator arrives. Small on purpose, as it runs in the entry chunk; the
 * simulator reads the address in full in simParams.ts, and a test holds the two together. So does
 * public/theme.js, which decides the same before any script for the shell in index.html.
 */
import { DEFAULT_SCENARIO, isScenarioId } from '../../sim/scenarios';
import type { ScenarioId } from '../../sim/scenarios';

/** The keys of an address that may move the run off its start, or give it an attack. */
const ELSEWHERE = ['attack', 'step', 'at', 'sel', 'consent', 'rev', 'client'] as const;

export function plainStart(query: string): ScenarioId | null {
  const params = new URLSearchParams(query);
  if (ELSEWHERE.some((key) => params.has(key))) return null;
  const scenario = params.get('scenario');
  if (scenario === null) return DEFAULT_SCENARIO;
  return isScenarioId(scenario) ? scenario : null;
}
