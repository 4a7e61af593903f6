/**
 * A drill is named by its seed alone, so its address (`#/practice/<seed>`) gives away nothing of
 * the fault and an instructor can give a whole class the same drill by link. The seed picks the
 * fault and the registration and seeds the world: the same seed, the same drill, value for value.
 * Seeds "1" to "15" are the numbered drills of the practice page, one per fault; any other seed
 * draws a fault from the seed.
 */
import { VULNERABILITIES } from '../attacks/vulnerabilities';
import type { RunConfig } from '../flow/simulation';
import type { RuleParty } from '../parties';
import type { RuleId } from '../rules';
import { REGISTRATION_MODE_IDS } from '../scenarios';
import { below, createRng } from '../world/random';
import { FAULTS } from './faults';
import type { FaultId } from './faults';

/** The numbered drills, in the order the practice page lists them: parties and difficulty mixed. */
export const DRILL_ORDER: readonly FaultId[] = [
  'mcp-prm-undiscoverable',
  'client-no-pkce',
  'as-long-lived-tokens',
  'as-iss-missing',
  'client-all-scopes',
  'as-token-no-audience',
  'mcp-no-audience-check',
  'client-omit-resource',
  'as-no-pkce-support',
  'mcp-scope-challenge-bare',
  'client-step-up-refresh',
  'as-no-refresh-rotation',
  'client-no-state-check',
  'as-metadata-misplaced',
  'client-token-in-query',
];

/** What a seed in an address may be: short, and safe in a URL path. */
const SEED = /^[A-Za-z0-9_-]{1,40}$/;

export function isDrillSeed(value: string): boolean {
  return SEED.test(value);
}

export interface Drill {
  seed: string;
  /** Its number on the practice page, for the numbered drills. */
  number: number | null;
  fault: FaultId;
  /** The run: the fault's activity, a registration drawn from the seed, the fault switched on. */
  config: RunConfig;
}

/** The answer a drill expects: the vulnerability's own party and rule (one owner for the fact). */
export function expectedAnswer(fault: FaultId): { party: RuleParty; rule: RuleId } {
  const def = VULNERABILITIES[fault];
  return { party: def.party, rule: def.breaks };
}

export function drillFor(seed: string): Drill {
  const numbered = /^[1-9]\d*$/.test(seed) ? Number(seed) : null;
  const rng = createRng(`drill:${seed}`);
  const picked = below(rng, DRILL_ORDER.length);
  const index = numbered !== null && numbered <= DRILL_ORDER.length ? numbered - 1 : picked;
  const fault = DRILL_ORDER[index] ?? 'mcp-prm-undiscoverable';
  const def = FAULTS[fault];
  const registration = REGISTRATION_MODE_IDS[below(rng, REGISTRATION_MODE_IDS.length)] ?? 'cimd';
  return {
    seed,
    number: numbered !== null && numbered <= DRILL_ORDER.length ? numbered : null,
    fault,
    config: {
      seed: `drill-${seed}`,
      scenario: def.scenario,
      registration,
      vulnerabilities: [fault],
      ...('urls' in def ? { urls: def.urls } : {}),
    },
  };
}

/** The same drill's world with the fault taken out: what the honest servers and client do. */
export function honestConfig(drill: Drill): RunConfig {
  return { ...drill.config, vulnerabilities: [] };
}
