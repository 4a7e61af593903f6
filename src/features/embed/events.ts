/**
 * Progress events for the page that embeds the simulator (docs/embedding.md documents them).
 * Each is posted to `window.parent` when the app runs in a frame, in a versioned envelope:
 * `{ source: 'mcp-oauth-simulator', version: 1, type, ... }`. The payloads carry only choices, ids,
 * titles and counts, never a token, code, verifier, secret or state value; that is why posting to
 * any origin ('*') is acceptable when the embedder has not named its origin with `parentOrigin`.
 */
import type { AttackId } from '../../sim/attacks/ids';
import type { RegistrationMode, ScenarioId } from '../../sim/scenarios';
import type { StepId } from '../../sim/steps';
import type { ProgressEvent } from '../../course/progress';

export const EMBED_SOURCE = 'mcp-oauth-simulator';
export const EMBED_VERSION = 1;

export interface RunInfo {
  scenario: ScenarioId;
  registration: RegistrationMode;
  seed: string;
  attack: { id: AttackId; defence: 'on' | 'off' } | null;
}

export type EmbedEvent =
  | { type: 'ready'; route: string }
  | {
      type: 'step';
      run: RunInfo;
      /** Messages shown so far (the `step=` of a deep link). */
      step: number;
      /** The newest message, or null before the first. */
      message: {
        number: number;
        stepId: StepId;
        part: 'request' | 'response' | 'note';
        title: string;
      } | null;
      finished: boolean;
      /** Once finished: how the flow ended. */
      outcome: 'success' | 'refused' | 'denied' | 'failed' | null;
    }
  | {
      type: 'attack-completed';
      run: RunInfo;
      attack: AttackId;
      defence: 'on' | 'off';
      attackerWon: boolean;
      /** Where a rule stopped the attacker (message number as shown, rule id), or null. */
      stoppedAt: { message: number; rule: string | null } | null;
    }
  | { type: 'lesson-completed'; lessonId: string }
  | { type: 'quiz-answered'; quiz: string; questionId: string; correct: boolean }
  | { type: 'quiz-scored'; quiz: string; correct: number; total: number; passed: boolean }
  // The predictions' score at the end of a run, and a drill's result (course/progress.ts).
  | Extract<ProgressEvent, { type: 'prediction-scored' | 'drill-completed' }>;

export type EmbedMessage = EmbedEvent & { source: typeof EMBED_SOURCE; version: typeof EMBED_VERSION };

export function envelope(event: EmbedEvent): EmbedMessage {
  return { source: EMBED_SOURCE, version: EMBED_VERSION, ...event };
}

/** True when the app runs inside a frame (an iframe on a course page). */
export function isFramed(): boolean {
  try {
    return typeof window !== 'undefined' && window.parent !== window;
  } catch {
    return true;
  }
}

/** Posts an event to the embedding page, if there is one. */
export function postEmbedEvent(event: EmbedEvent, parentOrigin: string | null): void {
  if (!isFramed()) return;
  window.parent.postMessage(envelope(event), parentOrigin ?? '*');
}

/** The lessons' and quiz's own progress events, in the embed shape (an answer's detail stays in the app). */
export function fromProgress(event: ProgressEvent): EmbedEvent {
  if (event.type !== 'quiz-answered') return event;
  const { type, quiz, questionId, correct } = event;
  return { type, quiz, questionId, correct };
}
