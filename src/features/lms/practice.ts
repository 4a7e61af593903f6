/**
 * Practice results as a learning platform records them (SCORM interactions, xAPI statements): a
 * drill's diagnosis, right or not, and a predict-mode run's score. Ids and responses carry only
 * choices, ids and counts, as the embed events do (docs/embedding.md): never a value from a run.
 */
import type { DrillCompleted, PredictionScored } from '../../course/learning';
import type { PracticeRecord } from './scorm/values';

/** `as:A-08`: who breaks which rule, one token (SCORM 1.2 responses are short strings). */
export const diagnosisOf = (event: Pick<DrillCompleted, 'party' | 'rule'>): string =>
  `${event.party}:${event.rule}`;

/** The run a prediction score is about, as a path: scenario, registration, and the attack if any. */
export function predictedRunPath(run: PredictionScored['run']): string {
  const attack = run.attack ? `/attack/${run.attack.id}/defence-${run.attack.defence}` : '';
  return `${run.scenario}/${run.registration}${attack}`;
}

export function practiceRecord(event: DrillCompleted | PredictionScored, at: Date): PracticeRecord {
  if (event.type === 'drill-completed') {
    return {
      id: `practice-${event.drill}`,
      // A drill's event names the right diagnosis; a learner who asked for the answer gave none.
      response: event.solved ? diagnosisOf(event) : 'answer-shown',
      correctResponse: diagnosisOf(event),
      result: event.solved ? 'correct' : 'wrong',
      at,
      description: `Drill ${event.drill}: name the party and the rule its hidden fault breaks (${event.hints} hints, ${event.attempts} tries)`,
    };
  }
  return {
    id: `predict-${predictedRunPath(event.run).replace(/\//g, '-')}`,
    response: `${event.correct}/${event.total}`,
    correctResponse: null,
    result: 'neutral',
    at,
    description: `Predict, then see (${predictedRunPath(event.run)}): ${event.correct} of ${event.total} right, ${event.skipped} skipped`,
  };
}
