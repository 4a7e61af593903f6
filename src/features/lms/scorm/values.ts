/**
 * The SCORM data model values the app writes, as pure functions of what happened: one function per
 * kind of record, each returning `[element, value]` pairs in the order they must be set. The two
 * versions name and format things differently; every difference is here.
 *
 * SCORM 1.2: Run-Time Environment §3.4 (cmi.core.*, cmi.interactions.n.*, CMITimespan, CMITime).
 * SCORM 2004 4th edition: RTE §4.2 (cmi.completion_status, cmi.success_status, cmi.score.*,
 * cmi.interactions.n.*, ISO 8601 timeinterval and time).
 */
import type { ScormVersion } from '../launch';
import type { ScoState } from '../scope';

export type Pairs = [element: string, value: string][];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** SCORM 1.2 CMITimespan `HHHH:MM:SS.SS` (hours at least two digits, at most four). */
export function timespan12(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.min(9999, Math.floor(centis / 360000));
  const minutes = Math.floor(centis / 6000) % 60;
  const seconds = (centis % 6000) / 100;
  return `${pad(hours, hours > 99 ? 4 : 2)}:${pad(minutes)}:${seconds.toFixed(2).padStart(5, '0')}`;
}

/** SCORM 2004 timeinterval (second,10,2): ISO 8601 duration such as `PT1H2M3.4S`, `PT0S` for none. */
export function duration2004(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor(centis / 6000) % 60;
  const seconds = (centis % 6000) / 100;
  const parts = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  return `PT${parts || '0S'}`;
}

/** SCORM 1.2 CMITime, a time of day `HH:MM:SS` (UTC: the data model has no zone). */
export function time12(at: Date): string {
  return `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
}

/** SCORM 2004 time (second,10,0): `YYYY-MM-DDThh:mm:ss.ssZ` (the zone may only follow a fraction). */
export function time2004(at: Date): string {
  return `${at.toISOString().slice(0, 22)}Z`;
}

export interface ScoReport {
  state: ScoState;
  /** The app's address to come back to (a hash route), or null to leave it as it is. */
  location: string | null;
  suspendData: string;
  sessionMs: number;
}

/** SCORM 1.2 cmi.core.lesson_location is a CMIString255; 2004 cmi.location holds 1,000 characters. */
export const LOCATION_MAX: Record<ScormVersion, number> = { '1.2': 255, '2004': 1000 };
/** cmi.suspend_data: a CMIString4096 in 1.2, 64,000 characters in 2004 4th edition. */
export const SUSPEND_MAX: Record<ScormVersion, number> = { '1.2': 4096, '2004': 64000 };

/** The state of the SCO, its score, where to resume and the session time. */
export function reportPairs(version: ScormVersion, report: ScoReport): Pairs {
  const { state } = report;
  const pairs: Pairs = [];
  const location =
    report.location !== null && report.location.length <= LOCATION_MAX[version] ? report.location : null;
  const suspend = report.suspendData.length <= SUSPEND_MAX[version] ? report.suspendData : null;
  if (version === '1.2') {
    // One status carries both: passed only once completed too; failed as soon as the graded quiz is.
    const status =
      state.success === 'failed'
        ? 'failed'
        : state.completed
          ? state.success === 'passed'
            ? 'passed'
            : 'completed'
          : 'incomplete';
    pairs.push(['cmi.core.lesson_status', status]);
    if (state.score) {
      pairs.push(['cmi.core.score.min', '0'], ['cmi.core.score.max', '100']);
      pairs.push(['cmi.core.score.raw', String(state.score.percent)]);
    }
    if (location !== null) pairs.push(['cmi.core.lesson_location', location]);
    if (suspend !== null) pairs.push(['cmi.suspend_data', suspend]);
    // Always suspend: the LMS keeps the attempt's data, so the learner (and the report) can come back.
    pairs.push(['cmi.core.exit', 'suspend'], ['cmi.core.session_time', timespan12(report.sessionMs)]);
    return pairs;
  }
  pairs.push(['cmi.completion_status', state.completed ? 'completed' : 'incomplete']);
  pairs.push(['cmi.success_status', state.success]);
  pairs.push(['cmi.progress_measure', String(state.progress)]);
  if (state.score) {
    pairs.push(['cmi.score.min', '0'], ['cmi.score.max', '100']);
    pairs.push(
      ['cmi.score.raw', String(state.score.percent)],
      ['cmi.score.scaled', String(state.score.scaled)],
    );
  }
  if (location !== null) pairs.push(['cmi.location', location]);
  if (suspend !== null) pairs.push(['cmi.suspend_data', suspend]);
  pairs.push(['cmi.exit', 'suspend'], ['cmi.session_time', duration2004(report.sessionMs)]);
  return pairs;
}

/** One answer, as a SCORM interaction: choices and positions are letters `a`, `b`, … in authored order. */
export interface InteractionRecord {
  id: string;
  type: 'choice' | 'sequencing';
  /** The learner's response: one letter for a choice, the letters in the learner's order for a sequence. */
  response: readonly string[];
  correctResponse: readonly string[];
  correct: boolean;
  latencyMs: number;
  at: Date;
  /** The question's prompt (2004 only has a description). */
  description: string;
}

/**
 * cmi.interactions.n: written once per answer (journaled: a retry is a new record). 1.2 joins
 * responses with commas and calls a wrong answer `wrong`; 2004 joins with `[,]` and says `incorrect`.
 * The type is set before the responses, as 2004 requires (RTE §4.2.9: a response's format
 * depends on it).
 */
export function interactionPairs(version: ScormVersion, n: number, record: InteractionRecord): Pairs {
  const at = `cmi.interactions.${n}`;
  if (version === '1.2') {
    return [
      [`${at}.id`, record.id],
      [`${at}.type`, record.type],
      [`${at}.time`, time12(record.at)],
      [`${at}.correct_responses.0.pattern`, record.correctResponse.join(',')],
      [`${at}.student_response`, record.response.join(',')],
      [`${at}.result`, record.correct ? 'correct' : 'wrong'],
      [`${at}.latency`, timespan12(record.latencyMs)],
    ];
  }
  return [
    [`${at}.id`, record.id],
    [`${at}.type`, record.type],
    [`${at}.description`, record.description.slice(0, 250)],
    [`${at}.timestamp`, time2004(record.at)],
    [`${at}.correct_responses.0.pattern`, record.correctResponse.join('[,]')],
    [`${at}.learner_response`, record.response.join('[,]')],
    [`${at}.result`, record.correct ? 'correct' : 'incorrect'],
    [`${at}.latency`, duration2004(record.latencyMs)],
  ];
}

/**
 * A practice result as an interaction (a drill's diagnosis, a predict-mode score): free text, since
 * neither is a choice among authored answers. 1.2 has no `other` type: `performance` takes a
 * free-form response there (RTE 1.2 §3.4.2, cmi.interactions.n.type); 2004 has `other` (RTE 4th ed.
 * §4.2.9). A score has no right answer: its result is `neutral`, which both versions define.
 */
export interface PracticeRecord {
  id: string;
  response: string;
  /** The right response, when there is one (a drill's party and rule). */
  correctResponse: string | null;
  result: 'correct' | 'wrong' | 'neutral';
  at: Date;
  description: string;
}

export function practicePairs(version: ScormVersion, n: number, record: PracticeRecord): Pairs {
  const at = `cmi.interactions.${n}`;
  const pattern: Pairs =
    record.correctResponse === null ? [] : [[`${at}.correct_responses.0.pattern`, record.correctResponse]];
  if (version === '1.2') {
    return [
      [`${at}.id`, record.id],
      [`${at}.type`, 'performance'],
      [`${at}.time`, time12(record.at)],
      ...pattern,
      [`${at}.student_response`, record.response.slice(0, 255)],
      [`${at}.result`, record.result],
    ];
  }
  return [
    [`${at}.id`, record.id],
    [`${at}.type`, 'other'],
    [`${at}.description`, record.description.slice(0, 250)],
    [`${at}.timestamp`, time2004(record.at)],
    ...pattern,
    [`${at}.learner_response`, record.response],
    [`${at}.result`, record.result === 'wrong' ? 'incorrect' : record.result],
  ];
}

/** The passing score the LMS sets for the SCO, as a ratio, or null when it sets none. */
export function passingScoreElement(version: ScormVersion): string {
  return version === '1.2' ? 'cmi.student_data.mastery_score' : 'cmi.scaled_passing_score';
}

export function readPassingScore(version: ScormVersion, raw: string): number | null {
  if (raw.trim() === '') return null;
  const value = Number(raw);
  if (!Number.isFinite(value)) return null;
  const ratio = version === '1.2' ? value / 100 : value;
  return ratio >= 0 && ratio <= 1 ? ratio : null;
}
