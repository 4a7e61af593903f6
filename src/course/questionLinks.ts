/**
 * Where a question leads back to: its lesson (`#/lessons/<id>`) and, when the question names a place
 * in a run, the simulator (`#/sim?scenario=…&reg=…&at=…` or `#/sim?attack=…&defence=…`), built with
 * the same helpers the lessons' links are checked with.
 */
import { formatSimHref, isDefence, parseStepRef, type SimLink } from '../content/links';
import type { QuestionLink } from '../content/schema';
import { isAttackId } from '../sim/attacks/ids';
import { isRegistrationMode, isScenarioId } from '../sim/scenarios';
import { isRevision } from '../sim/revisions/ids';
import { isClientKind } from '../sim/revisions/profile';
import { stepRefTitle } from './simLinks';

export function lessonHref(lessonId: string): string {
  return `#/lessons/${lessonId}`;
}

export function quizHref(quiz?: string): string {
  return quiz === undefined ? '#/quiz' : `#/quiz/${quiz}`;
}

export function questionSimLink(link: QuestionLink): SimLink | null {
  const sim: SimLink = {};
  if (link.scenario !== undefined && isScenarioId(link.scenario)) sim.scenario = link.scenario;
  if (link.reg !== undefined && isRegistrationMode(link.reg)) sim.reg = link.reg;
  if (link.attack !== undefined && isAttackId(link.attack)) sim.attack = link.attack;
  if (link.defence !== undefined && isDefence(link.defence)) sim.defence = link.defence;
  if (link.variant !== undefined) sim.variant = link.variant;
  if (link.rev !== undefined && isRevision(link.rev)) sim.rev = link.rev;
  if (link.client !== undefined && isClientKind(link.client)) sim.client = link.client;
  if (link.at !== undefined) {
    const at = parseStepRef(link.at);
    if (at.ok) sim.at = at.value;
  }
  return sim.scenario === undefined && sim.attack === undefined ? null : sim;
}

/** The simulator link of a question, or null if the question only links to its lesson. */
export function questionSimHref(link: QuestionLink): string | null {
  const sim = questionSimLink(link);
  return sim === null ? null : formatSimHref(sim);
}

/** A short description of what the simulator link shows, for the link's visible text. */
export function questionSimLabel(link: QuestionLink): string | null {
  const sim = questionSimLink(link);
  if (sim === null) return null;
  const era =
    sim.rev === undefined ? '' : `, under ${sim.rev}${sim.client ? ` with a ${sim.client} client` : ''}`;
  if (sim.attack !== undefined) {
    return `the ${sim.attack} attack${sim.defence === undefined ? '' : `, defence ${sim.defence}`}${era}`;
  }
  return `${sim.at === undefined ? 'the flow' : `“${stepRefTitle(sim.at)}”`}${era}`;
}

/**
 * A link that opens a quiz at one question (`#/quiz/<quiz>?q=<question id>`). Questions are named by
 * their stable id from lessons/quiz/*.json, never by position: answers are shuffled per attempt and
 * the exam draws its questions afresh, so "the third question" means nothing in another tab.
 */
export function questionHref(quiz: string, questionId: string): string {
  return `${quizHref(quiz)}?q=${encodeURIComponent(questionId)}`;
}

/**
 * The quiz's view of the address bar, provided by the shell (which owns the URL and its history
 * policy; features never import the app's router).
 */
export interface QuestionAddress {
  /** The quiz and question the address names now, or null when it is not a quiz's address. */
  read(): { quiz: string; question: string | null } | null;
  /** Names `questionId` in the address (null: no question) if it shows `quiz`, without a history entry. */
  write(quiz: string, questionId: string | null): void;
  /** Calls `onChange` when the address changes (a link, an edited address bar); returns the unsubscribe. */
  subscribe(onChange: () => void): () => void;
}
