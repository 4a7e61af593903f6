/**
 * What the learner did, for a learning platform (SCORM run-time or xAPI learning record store): the
 * lessons' and quiz's own progress events (progress.ts, the same ones the embed posts), and a
 * simulator run or an attack run seen to its end. The app reports each event here, once, whether or
 * not a platform launched it; without a launch nothing listens and the call does nothing.
 *
 * Practice results (a drill's diagnosis, a predict-mode score) are progress events too, so they arrive
 * here like the quiz's: each platform adapter maps every kind to its own record (a SCORM interaction,
 * an xAPI statement) in one switch, which the lint rule makes exhaustive (docs/lms.md, "Adding a kind
 * of result").
 */
import type { AttackId } from '../sim/attacks/ids';
import type { RegistrationMode, ScenarioId } from '../sim/scenarios';
import type { ProgressEvent } from './progress';

export interface RunFinished {
  type: 'run-finished';
  scenario: ScenarioId;
  registration: RegistrationMode;
  outcome: 'success' | 'refused' | 'denied' | 'failed';
}

export interface AttackFinished {
  type: 'attack-finished';
  attack: AttackId;
  defence: 'on' | 'off';
  attackerWon: boolean;
  /** The rule that stopped the attacker, if one did. */
  stoppedBy: string | null;
}

/** A drill ended (features/practice): the learner named the broken party and rule, or saw the answer. */
export type DrillCompleted = Extract<ProgressEvent, { type: 'drill-completed' }>;
/** A run in predict mode ended with answered (or skipped) questions: the score, per phase. */
export type PredictionScored = Extract<ProgressEvent, { type: 'prediction-scored' }>;

export type LearningEvent = ProgressEvent | RunFinished | AttackFinished;

type Listener = (event: LearningEvent) => void;

/** Events reported before the platform adapter (loaded lazily) is listening; dropped without a launch. */
let pending: LearningEvent[] | null = null;
let listener: Listener | null = null;

/** Called once at start-up when a platform launched the app: from then on events are kept for it. */
export function expectListener(): void {
  pending ??= [];
}

export function reportLearning(event: LearningEvent): void {
  if (listener) listener(event);
  else pending?.push(event);
}

/** The platform adapter listens; events reported before it did are delivered first, in order. */
export function listenToLearning(next: Listener): () => void {
  listener = next;
  const earlier = pending ?? [];
  pending = null;
  for (const event of earlier) next(event);
  return () => {
    if (listener === next) listener = null;
  };
}

/** Whether a platform launched the app (so the simulator's runs are worth reporting outside a frame too). */
export function learningWanted(): boolean {
  return pending !== null || listener !== null;
}
