/**
 * Driving a run actor (run.ts) with promises, for code that waits for it: tests, the benchmark,
 * the presenter's preview, positioning for Back and deep links. The Stepper keeps nothing of its
 * own: every answer comes from the run actor's snapshot, and any number of callers may wait on it
 * at once (XState's `waitFor`), so `advanceTo(5)` and `settle()` together both resolve.
 */
import { createActor, waitFor } from 'xstate';
import type { Actor } from 'xstate';
import type { Decision } from '../browser/browser';
import type { TraceEvent } from '../trace/types';
import type { World } from '../world/world';
import { runMachine } from './run';
import { isStopped, nextIsReady, viewOfRun } from './runView';
import type { RunRef, RunSnapshot, StepperSnapshot } from './runView';
import type { RunConfig } from './simulation';

export { isStopped, nextIsReady, viewOfRun } from './runView';
export type { RunRef, RunSnapshot, StepperSnapshot } from './runView';

export type RunActor = Actor<typeof runMachine>;

export interface StepperOptions {
  /** Consent decisions made so far, in order (replayed on back). */
  decisions?: Decision[];
  /** When false, the learner decides at the consent page; when true, the scenario's default applies. */
  autoConsent?: boolean;
}

/** Plays up to `count` messages; resolves once they are shown, or the run stops before (consent, end). */
export async function advanceRun(run: RunRef, count: number): Promise<void> {
  run.send({ type: 'ADVANCE_TO', count });
  await waitFor(run, (s) => !s.matches('advancing'));
}

/** Resolves once the run stands still: waiting for Next or for consent, or ended. */
export async function settleRun(run: RunRef): Promise<void> {
  run.send({ type: 'RESUME' });
  await waitFor(run, isStopped);
}

/** Plays to the end, answering any consent page with the run's default. */
export async function runToEnd(run: RunRef): Promise<void> {
  run.send({ type: 'RUN_TO_END' });
  await waitFor(run, (s) => s.matches('finished') || s.matches('failed'));
}

export class Stepper {
  readonly actor: RunActor;

  constructor(
    readonly config: RunConfig,
    options: StepperOptions = {},
  ) {
    this.actor = createActor(runMachine, {
      input: {
        config,
        ...(options.decisions ? { decisions: options.decisions } : {}),
        ...(options.autoConsent !== undefined ? { autoConsent: options.autoConsent } : {}),
      },
    });
    this.actor.start();
  }

  private get state(): RunSnapshot {
    return this.actor.getSnapshot();
  }

  get trace(): readonly TraceEvent[] {
    return this.state.context.trace;
  }

  get decisions(): readonly Decision[] {
    return this.state.context.decisions;
  }

  get worldState(): World {
    return this.state.context.engine.world;
  }

  snapshot(): StepperSnapshot {
    return viewOfRun(this.state);
  }

  subscribe(listener: (snapshot: StepperSnapshot) => void): () => void {
    const subscription = this.actor.subscribe((s) => listener(viewOfRun(s)));
    return () => subscription.unsubscribe();
  }

  /** Shows the next event. Resolves once it is shown, or the flow waits for consent, or has ended. */
  next(): Promise<void> {
    return this.advanceTo(this.trace.length + 1);
  }

  get nextIsReady(): boolean {
    return nextIsReady(this.state);
  }

  /** Shows the next event synchronously, if it is ready, and holds its party until `resume()`. */
  revealNext(): boolean {
    if (!this.nextIsReady) return false;
    this.actor.send({ type: 'NEXT' });
    return this.state.matches('holding');
  }

  /** Lets a run held by `revealNext()` go on to its next event (or consent page, or end). */
  resume(): void {
    this.actor.send({ type: 'RESUME' });
  }

  /**
   * Plays up to `count` events in total, stopping early at a consent decision the learner must make.
   * Resolves as soon as the last of them is shown; what the party does next follows (`settle()`).
   */
  advanceTo(count: number): Promise<void> {
    return advanceRun(this.actor, count);
  }

  /** Resolves once the run stands still: waiting for Next or for consent, or ended. */
  settle(): Promise<void> {
    return settleRun(this.actor);
  }

  /** Plays to the end, answering any consent page with the scenario's default. */
  runToEnd(): Promise<void> {
    return runToEnd(this.actor);
  }

  /** The learner's click on Approve or Deny in the simulated browser window. */
  answer(decision: Decision): void {
    this.actor.send({ type: 'ANSWER', decision });
  }

  stop(): void {
    this.actor.stop();
  }
}

/**
 * A stepper positioned at `count` events: the way "back", "jump to step N" and deep links work.
 * Consent decisions already made are replayed; none is asked for again.
 */
export async function stepperAt(
  config: RunConfig,
  count: number,
  decisions: readonly Decision[] = [],
): Promise<Stepper> {
  const stepper = new Stepper(config, { decisions: [...decisions] });
  await stepper.advanceTo(Math.max(0, count));
  return stepper;
}
