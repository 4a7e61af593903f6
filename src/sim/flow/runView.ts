/**
 * Reading a run actor's snapshot (run.ts): what a view shows, whether the run stands still, whether
 * Next can show the next message at once. Types and pure functions only, so the UI's first chunk can
 * use them without loading the simulator core.
 */
import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { AttackReport } from '../attacks/run';
import type { ConsentPrompt } from '../servers/auth/consentPage';
import type { NewTraceEvent, TraceEvent } from '../trace/types';
import type { FlowOutcome } from './flowMachine';
import type { runMachine } from './run';
import type { RunConfig } from './simulation';

/** A run actor wherever it lives: created by a Stepper, or spawned by the player in its actor system. */
export type RunRef = ActorRefFrom<typeof runMachine>;
export type RunSnapshot = SnapshotFrom<typeof runMachine>;

export interface StepperSnapshot {
  config: RunConfig;
  /** The events shown so far. */
  trace: readonly TraceEvent[];
  /** The browser is showing the consent page and waits for the learner's decision. */
  consent: ConsentPrompt | null;
  /** Set once the flow has ended and its last event is shown. */
  outcome: FlowOutcome | null;
  /** What the attacker obtained, once an attack run has ended. */
  attack: AttackReport | null;
  finished: boolean;
}

/** The run stands still: waiting for Next, for the learner's consent, or done. */
export const isStopped = (s: RunSnapshot): boolean =>
  s.matches('parked') || s.matches('awaitingConsent') || s.matches('finished') || s.matches('failed');

/** What a view shows of a run (the run's own facts, read from its snapshot). */
export function viewOfRun(s: RunSnapshot): StepperSnapshot {
  const finished = s.matches('finished') || s.matches('failed');
  const { config, trace, consent, outcome, attack, error } = s.context;
  return {
    config,
    trace,
    consent,
    outcome: finished ? (outcome ?? { kind: 'failed', message: error ?? 'the run failed' }) : null,
    attack: finished ? attack : null,
    finished,
  };
}

/** The next message is built and its party waits only for Next: Next shows it at once. */
export function nextIsReady(s: RunSnapshot): boolean {
  if (!s.matches('parked')) return false;
  const { pacer, world } = s.context.engine;
  const count = world.recorder.events.length;
  return pacer.currentLimit === count && pacer.isWaiting(count);
}

/**
 * The next message, as its party built it, when the run is parked and Next would show it at once
 * (predict mode asks about it before it is revealed). Reading the message the run already holds is
 * exact (it is the very object Next shows) and costs nothing; a second, headless run of the same seed
 * would cost a whole run per question and would need consent answers the learner has not given yet.
 */
export function peekNext(s: RunSnapshot): NewTraceEvent | null {
  if (!nextIsReady(s)) return null;
  const { world } = s.context.engine;
  return world.recorder.peek(world.recorder.events.length) ?? null;
}
