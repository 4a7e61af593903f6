/**
 * A SCORM session: the app as one SCO of a package (scripts/build-scorm.ts). It connects to the LMS,
 * resumes from what the LMS kept, and from then on writes the SCO's state whenever the progress store
 * changes, one interaction per quiz answer in its scope, and the location as the learner moves. It
 * ends the session when the page goes away. Nothing of the app waits for it: every call to the LMS is
 * synchronous JavaScript on an object of the LMS's page, made after the app has painted.
 */
import { LESSONS, QUESTIONS } from '../../../content/load';
import { PASS_RATIO, type ProgressStore } from '../../../course/progress';
import { getProgressStore } from '../../../course/useProgress';
import { answerRecord } from '../answers';
import { practiceRecord } from '../practice';
import type { ScormVersion } from '../launch';
import { listenToLearning, type LearningEvent } from '../../../course/learning';
import { showNotice } from '../notice';
import { inScope, scopeOf, scoState, type Scope } from '../scope';
import {
  EMPTY_SNAPSHOT,
  decodeSnapshot,
  encodeSnapshot,
  joinSnapshot,
  restoreSnapshot,
  snapshotProgress,
  type Snapshot,
} from '../snapshot';
import { connectScorm, type ScormConnection } from './connection';
import {
  duration2004,
  interactionPairs,
  passingScoreElement,
  practicePairs,
  readPassingScore,
  reportPairs,
  timespan12,
  type Pairs,
} from './values';

export interface ScormSession {
  /** Ends the session (session time, exit, commit, terminate); later calls do nothing. */
  finish(): void;
}

interface Options {
  connection?: ScormConnection | null;
  store?: ProgressStore;
  now?: () => number;
}

function write(connection: ScormConnection, pairs: Pairs): void {
  for (const [element, value] of pairs) {
    if (!connection.set(element, value)) {
      console.warn(`SCORM: the LMS refused ${element} (error ${connection.lastError()})`);
    }
  }
}

export function runScorm(version: ScormVersion, sco: string, options: Options = {}): ScormSession | null {
  const scope: Scope | null = scopeOf(sco, LESSONS);
  const connection = options.connection !== undefined ? options.connection : connectScorm(version);
  if (!connection) {
    showNotice(
      'This course page could not reach its learning platform (LMS): your progress is kept in this browser only.',
    );
    return null;
  }
  if (!scope) {
    showNotice(`This course package names a part the app does not have (“${sco}”): nothing is reported.`);
    connection.terminate();
    return null;
  }
  const store = options.store ?? getProgressStore();
  const now = options.now ?? Date.now;
  const started = now();
  const passing = readPassingScore(version, connection.get(passingScoreElement(version))) ?? PASS_RATIO;
  const prefix = version === '1.2' ? 'cmi.core.' : 'cmi.';

  // Resume: what the LMS kept goes back into the one progress store, and the learner to where they were.
  const kept = decodeSnapshot(connection.get('cmi.suspend_data'));
  if (kept) restoreSnapshot(store, scope, kept);
  let told: Snapshot = kept ?? EMPTY_SNAPSHOT;
  const location = connection.get(version === '1.2' ? 'cmi.core.lesson_location' : 'cmi.location');
  if (location.startsWith('#/') && location !== window.location.hash) window.location.replace(location);

  let interactions = Number(connection.get('cmi.interactions._count')) || 0;
  let ended = false;
  let last = '';

  const report = (): void => {
    if (ended) return;
    told = joinSnapshot(scope, told, store.get());
    const pairs = reportPairs(version, {
      state: scoState(scope, snapshotProgress(told), passing),
      location: window.location.hash.startsWith('#/') ? window.location.hash : null,
      suspendData: encodeSnapshot(told),
      sessionMs: now() - started,
    });
    // Session time changes every call: compare the rest, so an unchanged state is not committed again.
    const key = JSON.stringify(pairs.filter(([element]) => !element.endsWith('session_time')));
    if (key === last) return;
    last = key;
    write(connection, pairs);
    connection.commit();
  };

  const interaction = (pairs: Pairs): void => {
    write(connection, pairs);
    interactions += 1;
    connection.commit();
  };

  const record = (event: LearningEvent): void => {
    if (ended) return;
    switch (event.type) {
      case 'quiz-answered': {
        if (!inScope(scope, event.quiz)) return;
        const question = QUESTIONS.find((q) => q.id === event.questionId);
        const answer = question ? answerRecord(question, event.answer) : null;
        if (!question || !answer) return;
        interaction(
          interactionPairs(version, interactions, {
            id: question.id,
            ...answer,
            correct: event.correct,
            latencyMs: event.latencyMs,
            at: new Date(now()),
            description: question.prompt,
          }),
        );
        return;
      }
      // Practice is reported in whichever part of the course the learner does it: a journal entry,
      // not a part of the SCO's score or completion (docs/lms.md, "Practice results").
      case 'drill-completed':
      case 'prediction-scored':
        interaction(practicePairs(version, interactions, practiceRecord(event, new Date(now()))));
        return;
      case 'lesson-completed':
      case 'quiz-scored':
      case 'run-finished':
      case 'attack-finished':
        // The store's change (report) says the first two; a run watched is not an interaction.
        return;
    }
  };

  const unsubscribe = store.subscribe(report);
  const stopListening = listenToLearning(record);
  const onMove = (): void => report();
  window.addEventListener('hashchange', onMove);
  report();

  const finish = (): void => {
    if (ended) return;
    report();
    const elapsed = now() - started;
    write(connection, [
      [`${prefix}session_time`, version === '1.2' ? timespan12(elapsed) : duration2004(elapsed)],
    ]);
    ended = true;
    unsubscribe();
    stopListening();
    window.removeEventListener('hashchange', onMove);
    connection.commit();
    connection.terminate();
  };
  // pagehide fires when the LMS closes or replaces the frame, and on a reload (unload is unreliable).
  window.addEventListener('pagehide', finish, { once: true });
  return { finish };
}
