/**
 * The work the player machine invokes: positioning a run (lazily loading the simulator core),
 * one step, the consent answer, running to the end, and watching for the consent prompt.
 */
import { fromCallback, fromPromise } from 'xstate';
import type { Decision } from '../../sim/browser/browser';
import type { Stepper, StepperSnapshot } from '../../sim/flow/stepper';
import type { RunConfig } from '../../sim/flow/simulation';
import { loadCore } from '../runtime/loadCore';
import type { Core } from '../runtime/loadCore';
import { positionStepper } from './positioning';
import type { Target } from './positioning';
import type { View } from './types';

export interface Loaded {
  core: Core;
  stepper: Stepper;
  view: View;
  notice: string | null;
}

/** The invoked actors get the stepper from context; it is set by the time any of them runs. */
function loaded(stepper: Stepper | null): Stepper {
  if (!stepper) throw new Error('No run is loaded yet.');
  return stepper;
}

const viewFrom = (snapshot: StepperSnapshot): View => {
  const { config: _config, ...view } = snapshot;
  return view;
};

export const viewOf = (stepper: Stepper): View => viewFrom(stepper.snapshot());

export const playerActors = {
  position: fromPromise<Loaded, { config: RunConfig; target: Target; decisions: Decision[] }>(
    async ({ input }) => {
      const core = await loadCore();
      const { stepper, notice } = await positionStepper(core, input.config, input.target, input.decisions);
      return { core, stepper, view: viewOf(stepper), notice };
    },
  ),
  advance: fromPromise<View, { stepper: Stepper | null }>(async ({ input }) => {
    const stepper = loaded(input.stepper);
    await stepper.next();
    return viewOf(stepper);
  }),
  answer: fromPromise<View, { stepper: Stepper | null; decision: Decision }>(async ({ input }) => {
    const stepper = loaded(input.stepper);
    const before = stepper.trace.length;
    stepper.answer(input.decision);
    // The click is a step: show the user's decision at once.
    await stepper.advanceTo(before + 1);
    return viewOf(stepper);
  }),
  /**
   * What a party does after a message is shown can stop the run: the browser reads the consent page
   * and asks for a decision, or the flow ends. Both come a moment after the message (at once after a
   * revealed one: see Stepper.revealNext), so this watches for them: the simulated browser window
   * opens right after the consent page arrow, and the run is marked finished after its last one.
   */
  watchRun: fromCallback<{ type: 'NONE' }, { stepper: Stepper | null }>(({ input, sendBack }) => {
    const stepper = input.stepper;
    if (!stepper) return undefined;
    const check = (snapshot: StepperSnapshot) => {
      if (snapshot.consent || snapshot.finished)
        sendBack({ type: 'STEPPER.STOPPED', view: viewFrom(snapshot) });
    };
    check(stepper.snapshot());
    return stepper.subscribe(check);
  }),
  /** A recorded trace needs no run: only the core, which the inspector decodes tokens with. */
  loadCore: fromPromise<Core>(() => loadCore()),
  runToEnd: fromPromise<View, { stepper: Stepper | null }>(async ({ input }) => {
    const stepper = loaded(input.stepper);
    await stepper.runToEnd();
    return viewOf(stepper);
  }),
};
