/**
 * The xAPI statements the app sends, built from what happened (docs/lms.md lists their shapes).
 *
 * In a cmi5 launch every statement starts from the LMS's `contextTemplate` (cmi5 §10.2.1: its values,
 * the session id among them, are kept, never overwritten) with the launch's `registration` (§9.6.1).
 * "cmi5 defined" statements (initialized, completed, passed, failed, terminated) are about the AU
 * itself (`activityId`, §9.4) and carry the cmi5 category (§9.6.2.1), plus the moveOn category when
 * their result has `success` or `completion` (§9.6.2.2); passed and failed carry the masteryScore
 * they were judged by (§9.6.3.2); completed, passed, failed and terminated carry a duration
 * (§9.5.4.1). "cmi5 allowed" statements (answered, experienced) carry the template but not the cmi5
 * category (§7.1.3). In a plain xAPI launch there is no template: the context is the registration,
 * if the launch gave one.
 *
 * Every statement gets its id (a UUID, §9.1) and its timestamp (UTC, §9.7) when it is built, at the
 * moment the thing happened, so a statement sent late (after being offline) still says when.
 */
import type { Activity, Agent, Context, Statement } from '@xapi/xapi';
import type { AnswerRecord } from '../answers';
import type { AttackFinished, DrillCompleted, PredictionScored, RunFinished } from '../../../course/learning';
import { diagnosisOf, predictedRunPath } from '../practice';
import { duration2004 } from '../scorm/values';

export const VERB = {
  launched: 'http://adlnet.gov/expapi/verbs/launched',
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
} as const;

export type VerbName = keyof typeof VERB;

export const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
export const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
export const MASTERY_SCORE_EXTENSION = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';
const INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';
const SIMULATION = 'http://adlnet.gov/expapi/activities/simulation';

/** A language map with one entry (the app is in English; xAPI §4.2.7 needs one). */
export function en(text: string): Record<string, string> {
  return { en: text };
}

export interface StatementBase {
  actor: Agent;
  /** The AU's activity id (cmi5: from the launch URL). */
  activityId: string;
  registration: string | null;
  /** cmi5's contextTemplate from LMS.LaunchData; null in a plain xAPI launch. */
  contextTemplate: Context | null;
  /** cmi5's masteryScore, when the LMS gave one. */
  masteryScore: number | null;
}

function uuid(): string {
  // RFC 4122 version 4 from getRandomValues (randomUUID needs a secure context; a classroom may not be one).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const activity = (id: string): Activity => ({ objectType: 'Activity', id });

interface ContextOptions {
  defined: boolean;
  moveOn?: boolean;
  parent?: string;
  masteryScore?: boolean;
}

function contextOf(base: StatementBase, options: ContextOptions): Context {
  const template = base.contextTemplate;
  const context: Context = { ...(template ?? {}) };
  if (base.registration) context.registration = base.registration;
  const activities = { ...(template?.contextActivities ?? {}) };
  if (template && options.defined) {
    const category = [...(activities.category ?? []), activity(CMI5_CATEGORY)];
    if (options.moveOn) category.push(activity(MOVEON_CATEGORY));
    activities.category = category;
  }
  if (options.parent) activities.parent = [...(activities.parent ?? []), activity(options.parent)];
  if (Object.keys(activities).length > 0) context.contextActivities = activities;
  if (template && options.masteryScore && base.masteryScore !== null) {
    context.extensions = { ...(template.extensions ?? {}), [MASTERY_SCORE_EXTENSION]: base.masteryScore };
  }
  return context;
}

function statement(
  base: StatementBase,
  verb: VerbName,
  at: Date,
  rest: Partial<Statement>,
  options: ContextOptions,
): Statement {
  return {
    id: uuid(),
    actor: base.actor,
    verb: { id: VERB[verb], display: en(verb) },
    object: activity(base.activityId),
    context: contextOf(base, options),
    timestamp: at.toISOString(),
    ...rest,
  };
}

/** launched: only in a plain xAPI launch, where no LMS records it (in cmi5 the LMS does, §9.3.1). */
export const launched = (base: StatementBase, at: Date): Statement =>
  statement(base, 'launched', at, {}, { defined: false });

export const initialized = (base: StatementBase, at: Date): Statement =>
  statement(base, 'initialized', at, {}, { defined: true });

export const completed = (base: StatementBase, at: Date, sessionMs: number): Statement =>
  statement(
    base,
    'completed',
    at,
    { result: { completion: true, duration: duration2004(sessionMs) } },
    { defined: true, moveOn: true },
  );

export interface Score {
  correct: number;
  total: number;
  scaled: number;
}

export const judged = (
  base: StatementBase,
  verb: 'passed' | 'failed',
  at: Date,
  score: Score,
  sessionMs: number,
): Statement =>
  statement(
    base,
    verb,
    at,
    {
      result: {
        score: { scaled: score.scaled, raw: score.correct, min: 0, max: score.total },
        success: verb === 'passed',
        duration: duration2004(sessionMs),
      },
    },
    { defined: true, moveOn: true, masteryScore: true },
  );

export const terminated = (base: StatementBase, at: Date, sessionMs: number): Statement =>
  statement(base, 'terminated', at, { result: { duration: duration2004(sessionMs) } }, { defined: true });

export interface Answered {
  quiz: string;
  questionId: string;
  prompt: string;
  record: AnswerRecord;
  correct: boolean;
  latencyMs: number;
}

export const quizActivityId = (base: StatementBase, quiz: string): string =>
  `${base.activityId}/quiz/${quiz}`;

/** answered: one quiz answer, as a cmi.interaction activity of its quiz (the parent). */
export function answered(base: StatementBase, at: Date, answer: Answered): Statement {
  const { record } = answer;
  const join = (letters: readonly string[]): string => letters.join('[,]');
  const definition = {
    type: INTERACTION,
    name: en(answer.questionId),
    description: en(answer.prompt),
    interactionType: record.type,
    correctResponsesPattern: [join(record.correctResponse)],
    choices: record.components.map((c) => ({ id: c.id, description: en(c.text) })),
  } as const;
  return statement(
    base,
    'answered',
    at,
    {
      object: {
        objectType: 'Activity',
        id: `${quizActivityId(base, answer.quiz)}/question/${answer.questionId}`,
        definition,
      },
      result: {
        response: join(record.response),
        success: answer.correct,
        duration: duration2004(answer.latencyMs),
      },
    },
    { defined: false, parent: quizActivityId(base, answer.quiz) },
  );
}

/** experienced: a simulator run watched to its end, or an attack run to its verdict. */
export function experienced(base: StatementBase, at: Date, event: RunFinished | AttackFinished): Statement {
  const run = event.type === 'run-finished';
  const id = run
    ? `${base.activityId}/run/${event.scenario}/${event.registration}`
    : `${base.activityId}/attack/${event.attack}/defence-${event.defence}`;
  const name = run
    ? `Run: ${event.scenario}, ${event.registration}`
    : `Attack: ${event.attack}, defence ${event.defence}`;
  const response = run
    ? event.outcome
    : event.attackerWon
      ? 'attacker won'
      : `stopped${event.stoppedBy ? ` by ${event.stoppedBy}` : ''}`;
  return statement(
    base,
    'experienced',
    at,
    {
      object: { objectType: 'Activity', id, definition: { type: SIMULATION, name: en(name) } },
      result: { completion: true, response },
    },
    { defined: false },
  );
}

/** The practice activities of the AU: the drills (`…/practice/<seed>`) and predict mode (`…/predict/…`). */
export const practiceActivityId = (base: StatementBase): string => `${base.activityId}/practice`;

/**
 * Extensions the app defines, under the AU's own activity id (an IRI the course controls: xAPI §4.1.7
 * asks extension keys to be IRIs, and to be controlled by whoever defines them).
 */
export const extensionId = (base: StatementBase, name: 'hints' | 'attempts' | 'skipped'): string =>
  `${base.activityId}/extensions/${name}`;

/** answered: a drill ended; the diagnosis (party and rule) is its interaction's response. */
export function drillAnswered(base: StatementBase, at: Date, event: DrillCompleted): Statement {
  const right = diagnosisOf(event);
  return statement(
    base,
    'answered',
    at,
    {
      object: {
        objectType: 'Activity',
        id: `${practiceActivityId(base)}/${event.drill}`,
        definition: {
          type: INTERACTION,
          name: en(`Drill ${event.drill}`),
          description: en('Name the party and the rule the hidden fault breaks.'),
          interactionType: 'other',
          correctResponsesPattern: [right],
        },
      },
      result: {
        // A learner who asked for the answer gave no diagnosis: no response, not a success.
        ...(event.solved ? { response: right } : {}),
        success: event.solved,
        completion: true,
        extensions: {
          [extensionId(base, 'hints')]: event.hints,
          [extensionId(base, 'attempts')]: event.attempts,
        },
      },
    },
    { defined: false, parent: practiceActivityId(base) },
  );
}

/** experienced: a run in predict mode to its end, with its score (answered right of answered). */
export function predictionsScored(base: StatementBase, at: Date, event: PredictionScored): Statement {
  const path = predictedRunPath(event.run);
  return statement(
    base,
    'experienced',
    at,
    {
      object: {
        objectType: 'Activity',
        id: `${base.activityId}/predict/${path}`,
        definition: { type: SIMULATION, name: en(`Predict, then see: ${path.replace(/\//g, ', ')}`) },
      },
      result: {
        completion: true,
        response: `${event.correct}/${event.total}`,
        // Every question skipped: nothing was scored (xAPI §4.2.5.1: scaled is correct over max).
        ...(event.total > 0
          ? { score: { scaled: event.correct / event.total, raw: event.correct, min: 0, max: event.total } }
          : {}),
        extensions: { [extensionId(base, 'skipped')]: event.skipped },
      },
    },
    { defined: false },
  );
}
