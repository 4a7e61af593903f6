/**
 * Where an attempt is, as plain data: which question is on screen, the answers so far, finished or
 * not. An attempt may open at any question (a link `#/quiz/<id>?q=<question id>`); the learner then
 * goes on to the next unanswered question, wrapping round to the ones before it, so every question
 * is still asked once and the score is always out of the whole quiz.
 */
import type { Question } from '../../content/schema';
import { prepareAttempt, type AttemptItem, type Result } from './attempt';

/** The questions of an attempt with this seed; `linked` is a question the attempt must include. */
export type Draw = (seed: string, linked: Question | null) => readonly Question[];

export interface Opening {
  seed: string;
  items: AttemptItem[];
  /** The question shown first. */
  index: number;
  /** A question id the link named that this quiz does not have, or null. */
  missing: string | null;
}

export interface RunState extends Opening {
  /** 1 for the first attempt on this page; later attempts move focus to their first question. */
  attempt: number;
  /** Questions shown in this attempt (1 on arrival): focus moves to a question only after the first. */
  shown: number;
  results: (Result | undefined)[];
  finished: boolean;
}

export type RunAction =
  | { type: 'answer'; result: Result }
  | { type: 'next' }
  | { type: 'open'; index: number }
  | { type: 'missing'; id: string }
  | { type: 'finish' }
  | { type: 'restart'; opening: Opening };

/**
 * Prepares an attempt that opens at the question `link` names, if `pool` (the questions a link to
 * this quiz may name) has it; otherwise at the first question, remembering the unknown id.
 */
export function openAttempt(
  seed: string,
  draw: Draw,
  pool: readonly Question[],
  link: string | null,
): Opening {
  const linked = link === null ? null : (pool.find((question) => question.id === link) ?? null);
  const items = prepareAttempt(draw(seed, linked), seed);
  const at = linked === null ? -1 : items.findIndex((item) => item.question.id === linked.id);
  return { seed, items, index: Math.max(at, 0), missing: link !== null && at === -1 ? link : null };
}

export function initialRun(opening: Opening): RunState {
  return { ...opening, attempt: 1, shown: 1, results: [], finished: false };
}

/** The next unanswered question after the one on screen (wrapping round), or null when none is left. */
export function nextUnanswered(state: Pick<RunState, 'items' | 'index' | 'results'>): number | null {
  const count = state.items.length;
  for (let step = 1; step < count; step++) {
    const index = (state.index + step) % count;
    if (state.results[index] === undefined) return index;
  }
  return null;
}

export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'answer': {
      if (state.results[state.index] !== undefined) return state;
      const results = [...state.results];
      results[state.index] = action.result;
      return { ...state, results };
    }
    case 'next': {
      const index = nextUnanswered(state);
      return index === null ? state : { ...state, index, shown: state.shown + 1, missing: null };
    }
    case 'open':
      if (action.index === state.index || state.items[action.index] === undefined) return state;
      return { ...state, index: action.index, shown: state.shown + 1, missing: null };
    case 'missing':
      return { ...state, missing: action.id };
    case 'finish':
      return { ...state, finished: true, missing: null };
    case 'restart':
      return { ...initialRun(action.opening), attempt: state.attempt + 1 };
  }
}

/**
 * `drawn` with `linked` in it: unchanged if it already is, else in place of the first drawn question
 * of the same lesson (so an exam keeps its size and its question from every lesson), or of the last.
 */
export function includeQuestion(drawn: readonly Question[], linked: Question | null): Question[] {
  if (linked === null || drawn.some((question) => question.id === linked.id)) return [...drawn];
  const sameLesson = drawn.findIndex((question) => question.lesson === linked.lesson);
  const at = sameLesson === -1 ? drawn.length - 1 : sameLesson;
  return at < 0 ? [linked] : drawn.map((question, index) => (index === at ? linked : question));
}
