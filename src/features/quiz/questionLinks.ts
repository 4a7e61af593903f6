/**
 * Where a question leads back to: its lesson (`#/lessons/<id>`) and, when the question names a place
 * in a run, the simulator (`#/sim?scenario=…&reg=…&at=…` or `#/sim?attack=…&defence=…`), built with
 * the same helpers the lessons' links are checked with.
 */
import { formatSimHref, isDefence, parseStepRef, type SimLink } from '../../content/links';
import type { QuestionLink } from '../../content/schema';
import { isAttackId } from '../../sim/attacks/ids';
import { isRegistrationMode, isScenarioId } from '../../sim/scenarios';
import { stepRefTitle } from '../lessons/simLinks';

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
  if (sim.attack !== undefined) {
    return `the ${sim.attack} attack${sim.defence === undefined ? '' : `, defence ${sim.defence}`}`;
  }
  return sim.at === undefined ? 'the flow' : `“${stepRefTitle(sim.at)}”`;
}
