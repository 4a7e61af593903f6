/** The player's types and speeds, shared by the machine, its actors and the components. */
import type { Decision } from '../../sim/browser/browser';
import type { RunRef, StepperSnapshot } from '../../sim/flow/runView';
import type { RunConfig } from '../../sim/flow/simulation';
import type { TraceEvent } from '../../sim/trace/types';
import type { Core } from '../core/loadCore';
import type { Target } from './positioning';

export type Speed = 'slow' | 'normal' | 'fast';

export const SPEEDS: Record<Speed, { label: string; ms: number }> = {
  slow: { label: 'Slow', ms: 2500 },
  normal: { label: 'Normal speed', ms: 1200 },
  fast: { label: 'Fast', ms: 450 },
};

/** What the screen shows of the run: the run actor's own facts (runView.ts), without its config. */
export type View = Omit<StepperSnapshot, 'config'>;

export const EMPTY_VIEW: View = { trace: [], consent: null, outcome: null, attack: null, finished: false };

export interface PlayerInput {
  config: RunConfig;
  target?: Target;
  decisions?: Decision[];
  speed?: Speed;
  /**
   * A trace recorded elsewhere (an imported HAR): shown whole, nothing simulated. The player then
   * only lets messages be selected; it never loads the core (the inspector's decoders reach it
   * through useCore).
   */
  recorded?: readonly TraceEvent[];
}

/** The view of a recorded trace: every message at once, and nothing more to come. */
export function recordedView(trace: readonly TraceEvent[]): View {
  return { trace, consent: null, outcome: null, attack: null, finished: true };
}

/**
 * The player keeps what the learner chose and sees, never a copy of the run: the run is its child
 * actor (`run`), and every view reads the run from there.
 */
export interface PlayerContext {
  /** What the next run plays, where it is positioned, and the consent answers it replays. */
  config: RunConfig;
  target: Target;
  decisions: Decision[];
  /** Set for a recorded trace (PlayerInput.recorded): the player then shows it and never simulates. */
  recorded: View | null;
  /** The core the player runs the flow with (its own: views reach the core through useCore). */
  core: Core | null;
  /** The run being shown, spawned in the player's actor system. */
  run: RunRef | null;
  /** A message the learner picked to inspect; null follows the newest message. */
  selected: number | null;
  speed: Speed;
  /** Autoplay continues after the consent decision when it was on before it. */
  autoplay: boolean;
  /** Counts presses of Next while the consent page waits, so the window can react to each. */
  nudges: number;
  /** A one-off message for the learner (announced), e.g. why Next did nothing. */
  notice: string | null;
  /**
   * Why the link's position (`at=`) could not be reached, shown on screen until the learner
   * dismisses it or the run is positioned again: the announcement alone reaches only screen readers.
   */
  positionNotice: string | null;
  error: string | null;
}

export type PlayerEvent =
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'RESET' }
  | { type: 'RUN_TO_END' }
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'ANSWER'; decision: Decision }
  | { type: 'SELECT'; seq: number }
  | { type: 'SET_SPEED'; speed: Speed }
  | { type: 'LOAD'; config: RunConfig; target: Target; decisions?: Decision[] }
  | { type: 'RUN.PARKED' }
  | { type: 'RUN.FINISHED' };
