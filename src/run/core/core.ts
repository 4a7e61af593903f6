/**
 * Everything the screen needs from the simulator core at run time. This module is only ever
 * loaded through `loadCore()` (a dynamic import), because the core pulls in msw, jose and
 * @noble/*: keeping it out of the entry chunk is what lets the first paint stay small.
 */
export { runMachine } from '../../sim/flow/run';
export { advanceRun, Stepper, stepperAt } from '../../sim/flow/stepper';
export type { StepperSnapshot } from '../../sim/flow/stepper';
export { defaultDecision, outcomeTitle, runFlow } from '../../sim/flow/simulation';
export { peekJwt } from '../../sim/crypto/jwt';
export { explainS256 } from '../../sim/crypto/pkce';
// The attack lab: the registry (its attack files import servers and msw) and the run comparison.
export { ATTACKS, ATTACK_LIST, resolveAttack } from '../../sim/attacks/registry';
export { diffRuns } from '../../sim/trace/diff';
// The Time machine: two revisions compared, mixed eras, attacks across time.
export { compareTraces } from '../../sim/revisions/changes';
export { mixedEraMatrix, runMixed } from '../../sim/revisions/mixed';
export { attackInRevision } from '../../sim/revisions/attacks';
