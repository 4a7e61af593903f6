/**
 * One xAPI session of the app as a cmi5 AU (or a plain xAPI activity): what it sends, in which order,
 * and once only where cmi5 says once (§9.3):
 *
 * - at the start: `launched` (plain xAPI only; in cmi5 the LMS sends it), then `initialized`;
 * - each quiz answer in the AU's scope: `answered`; each run or attack seen to its end: `experienced`;
 * - when the AU's quiz is passed: `passed` (once per registration); when the AU is complete (its lesson
 *   read and quiz passed, scope.ts): `completed` (once per registration). Only in launchMode Normal
 *   (§10.2.2);
 * - at the end (Exit, or the page going away): `failed` if the quiz was failed and nothing was judged
 *   in this session (at most one of passed/failed per session, so a failure is only reported once the
 *   learner had the whole session to pass), then `terminated`, last.
 *
 * What the platform has been told (the AU's share of progress, whether completed/passed were sent,
 * where the learner was) is kept in a State document of the AU's own, `mcp-oauth-simulator.progress`,
 * which a later session reads to resume, into the app's one progress store (snapshot.ts).
 */
import type { Agent } from '@xapi/xapi';
import { QUESTIONS } from '../../../content/load';
import type { ProgressStore } from '../../../course/progress';
import { answerRecord } from '../answers';
import type { LearningEvent } from '../../../course/learning';
import { inScope, scoState, type Scope } from '../scope';
import {
  EMPTY_SNAPSHOT,
  decodeSnapshot,
  encodeSnapshot,
  joinSnapshot,
  restoreSnapshot,
  snapshotProgress,
  type Snapshot,
} from '../snapshot';
import type { LaunchMode } from './launch';
import type { Lrs } from './lrs';
import { Outbox, type OutboxOptions } from './outbox';
import * as make from './statements';
import type { Statement } from '@xapi/xapi';

export const PROGRESS_STATE_ID = 'mcp-oauth-simulator.progress';

type Job = { kind: 'statement'; statement: Statement } | { kind: 'state'; state: Record<string, unknown> };

export interface SessionOptions {
  lrs: Lrs;
  store: ProgressStore;
  scope: Scope;
  base: make.StatementBase;
  mode: 'cmi5' | 'xapi';
  launchMode: LaunchMode;
  passingScore: number;
  now?: () => number;
  outbox?: OutboxOptions;
}

interface Told {
  snapshot: Snapshot;
  completed: boolean;
  passed: boolean;
  location: string | null;
}

function readTold(doc: unknown): Told {
  const told: Told = { snapshot: EMPTY_SNAPSHOT, completed: false, passed: false, location: null };
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return told;
  const fields = new Map<string, unknown>(Object.entries(doc));
  const get = (key: string): unknown => fields.get(key);
  const snapshot = get('snapshot');
  const location = get('location');
  return {
    snapshot: (typeof snapshot === 'string' ? decodeSnapshot(snapshot) : null) ?? EMPTY_SNAPSHOT,
    completed: get('completed') === true,
    passed: get('passed') === true,
    location: typeof location === 'string' && location.startsWith('#/') ? location : null,
  };
}

export class XapiSession {
  private readonly outbox: Outbox<Job>;
  private readonly now: () => number;
  private readonly started: number;
  private judged: 'passed' | 'failed' | null = null;
  private ended = false;
  private location: string | null;
  private readonly unsubscribe: () => void;

  private constructor(
    private readonly options: SessionOptions,
    private told: Told,
  ) {
    this.now = options.now ?? Date.now;
    this.started = this.now();
    this.location = told.location;
    this.outbox = new Outbox<Job>((job, { keepalive }) => this.send(job, keepalive), options.outbox);
    if (options.mode === 'xapi') this.push(make.launched(options.base, this.at()));
    this.push(make.initialized(options.base, this.at()));
    this.unsubscribe = options.store.subscribe(() => this.check());
    this.check();
  }

  /** Reads what earlier sessions told the platform, restores it into the store, and initializes. */
  static async open(options: SessionOptions): Promise<{ session: XapiSession; resumeAt: string | null }> {
    const { base, lrs } = options;
    const doc = await lrs.getState({ ...XapiSession.stateParams(base), stateId: PROGRESS_STATE_ID }, true);
    const told = readTold(doc);
    restoreSnapshot(options.store, options.scope, told.snapshot);
    return { session: new XapiSession(options, told), resumeAt: told.location };
  }

  private static stateParams(base: make.StatementBase): {
    agent: Agent;
    activityId: string;
    registration?: string;
  } {
    return {
      agent: base.actor,
      activityId: base.activityId,
      ...(base.registration ? { registration: base.registration } : {}),
    };
  }

  /** Statements waiting for the LRS (sent, or being retried). */
  get pending(): number {
    return this.outbox.pending;
  }

  private at(): Date {
    return new Date(this.now());
  }

  private sessionMs(): number {
    return this.now() - this.started;
  }

  private async send(job: Job, keepalive: boolean): Promise<void> {
    if (job.kind === 'statement') return this.options.lrs.sendStatement(job.statement, { keepalive });
    return this.options.lrs.setState({
      ...XapiSession.stateParams(this.options.base),
      stateId: PROGRESS_STATE_ID,
      state: job.state,
    });
  }

  private push(statement: Statement): void {
    this.outbox.push({ kind: 'statement', statement });
  }

  private saveTold(): void {
    this.outbox.push({
      kind: 'state',
      state: {
        snapshot: encodeSnapshot(this.told.snapshot),
        completed: this.told.completed,
        passed: this.told.passed,
        location: this.location,
      },
    });
  }

  private state() {
    return scoState(this.options.scope, snapshotProgress(this.told.snapshot), this.options.passingScore);
  }

  /** The progress store changed: completed and passed when they are due, and the new share saved. */
  private check(): void {
    if (this.ended) return;
    const before = encodeSnapshot(this.told.snapshot);
    this.told = {
      ...this.told,
      snapshot: joinSnapshot(this.options.scope, this.told.snapshot, this.options.store.get()),
    };
    const state = this.state();
    const normal = this.options.launchMode === 'Normal';
    let changed = before !== encodeSnapshot(this.told.snapshot);
    if (normal && state.success === 'passed' && state.score && !this.told.passed && this.judged === null) {
      this.push(make.judged(this.options.base, 'passed', this.at(), state.score, this.sessionMs()));
      this.judged = 'passed';
      this.told = { ...this.told, passed: true };
      changed = true;
    }
    if (normal && state.completed && !this.told.completed) {
      this.push(make.completed(this.options.base, this.at(), this.sessionMs()));
      this.told = { ...this.told, completed: true };
      changed = true;
    }
    if (changed) this.saveTold();
  }

  learn(event: LearningEvent): void {
    if (this.ended) return;
    switch (event.type) {
      case 'quiz-answered': {
        if (!inScope(this.options.scope, event.quiz)) return;
        const question = QUESTIONS.find((q) => q.id === event.questionId);
        const record = question ? answerRecord(question, event.answer) : null;
        if (!question || !record) return;
        this.push(
          make.answered(this.options.base, this.at(), {
            quiz: event.quiz,
            questionId: question.id,
            prompt: question.prompt,
            record,
            correct: event.correct,
            latencyMs: event.latencyMs,
          }),
        );
        return;
      }
      case 'run-finished':
      case 'attack-finished':
        this.push(make.experienced(this.options.base, this.at(), event));
        return;
      case 'drill-completed':
        this.push(make.drillAnswered(this.options.base, this.at(), event));
        return;
      case 'prediction-scored':
        this.push(make.predictionsScored(this.options.base, this.at(), event));
        return;
      case 'lesson-completed':
      case 'quiz-scored':
        // The store's change says it (check): these add nothing a statement would carry.
        return;
    }
  }

  /** Where the learner is (the app's hash route), kept for the next session. */
  moved(location: string): void {
    if (this.ended || !location.startsWith('#/') || location === this.location) return;
    this.location = location;
  }

  /** The session ends: failed (if due), the last state, terminated; resolves once sent (or stuck). */
  end(keepalive = false): Promise<void> {
    if (this.ended) return this.outbox.flush(keepalive);
    this.check();
    this.ended = true;
    this.unsubscribe();
    const state = this.state();
    if (
      this.options.launchMode === 'Normal' &&
      state.success === 'failed' &&
      state.score &&
      !this.told.passed &&
      this.judged === null
    ) {
      this.push(make.judged(this.options.base, 'failed', this.at(), state.score, this.sessionMs()));
      this.judged = 'failed';
    }
    this.saveTold();
    this.push(make.terminated(this.options.base, this.at(), this.sessionMs()));
    const flushed = this.outbox.flush(keepalive);
    void flushed.then(() => {
      if (this.outbox.pending === 0) this.outbox.close();
    });
    return flushed;
  }
}
