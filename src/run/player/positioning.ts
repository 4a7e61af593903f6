/**
 * Puts a fresh run at a position: a number of events (Back, deep links with `step=`) or the first
 * event of a step (deep links with `at=token:response`). Positions are reached by replaying the seed,
 * which is exact because the world is deterministic (one seed, one run: src/sim/world/random.ts).
 */
import type { Decision } from '../../sim/browser/browser';
import type { RunRef } from '../../sim/flow/runView';
import type { RunConfig } from '../../sim/flow/simulation';
import { formatStepRef, matchesStepRef } from '../../sim/stepRef';
import type { StepRef } from '../../sim/stepRef';
import type { TraceEvent } from '../../sim/trace/types';
import type { Core } from '../core/loadCore';

/** Where a run is put: after a number of messages (Back, `step=`), or at a step (`at=`). */
export type Target = { kind: 'count'; count: number } | ({ kind: 'step' } & StepRef);

export interface Positioned {
  /** Set when the target could not be reached (the step does not occur in this run): start afresh. */
  notice: string | null;
}

/** A safety net: no scenario is anywhere near this long. */
const MAX_EVENTS = 500;

/**
 * The consent decisions made before the first `count` events: each decision shows up as one
 * `user-consent` event. Going back before a consent page therefore asks the learner again,
 * instead of silently replaying the old answer.
 */
export function decisionsBefore(
  trace: readonly TraceEvent[],
  count: number,
  decisions: readonly Decision[],
): Decision[] {
  const made = trace.slice(0, count).filter((e) => e.stepId === 'user-consent').length;
  return decisions.slice(0, made);
}

/** Drives a fresh run to the target, answering any consent page on the way with the run's default. */
export async function positionRun(
  core: Core,
  run: RunRef,
  config: RunConfig,
  target: Target,
): Promise<Positioned> {
  const snapshot = () => run.getSnapshot().context;
  // Past a consent page the learner has not answered, a deep link takes the run's own default
  // answer (the scenario's, or an attack victim's).
  const answerDefault = () => {
    const prompt = snapshot().consent;
    if (prompt) run.send({ type: 'ANSWER', decision: core.defaultDecision(config, prompt) });
  };

  if (target.kind === 'count') {
    const goal = Math.min(Math.max(0, target.count), MAX_EVENTS);
    for (;;) {
      await core.advanceRun(run, goal);
      if (!snapshot().consent || snapshot().trace.length >= goal) break;
      answerDefault();
    }
    // Ready once the target is shown, as after a Next: the run settles by itself (its parties build
    // the next message, or the browser opens a consent page that comes next), and a Next pressed
    // meanwhile shows that message as soon as it is built. Waiting here put 40 to 60 ms on a deep
    // link's time to an interactive diagram (issue 16).
    return { notice: null };
  }

  for (let i = 0; i < MAX_EVENTS; i++) {
    if (snapshot().trace.some((e) => matchesStepRef(e, target))) return { notice: null };
    if (run.getSnapshot().matches('finished') || run.getSnapshot().matches('failed')) break;
    if (snapshot().consent) answerDefault();
    await core.advanceRun(run, snapshot().trace.length + 1);
  }
  const name = formatStepRef(target);
  return {
    notice: `The step "${name}" does not happen in this run, so the simulator starts from the beginning.`,
  };
}
