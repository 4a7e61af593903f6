/**
 * Words for simulator links: what a `#/sim?…` link will show, for the hover text of a lesson's
 * "Try it" links and the labels of the quiz's "See it in the simulator" links. Built from the
 * simulator's own tables (steps.ts, scenarios.ts), so a renamed step renames its links.
 */
import { parseSimHref, type SimLink, type StepRef } from '../content/links';
import { REGISTRATION_MODES, SCENARIOS } from '../sim/scenarios';
import { STEPS } from '../sim/steps';

/** The title of a step, or of its request or response when the reference names one. */
export function stepRefTitle(ref: StepRef): string {
  const step = STEPS[ref.step];
  if (step.kind !== 'exchange') return step.title;
  return ref.part === 'response' ? step.response.title : step.request.title;
}

export function describeSimLink(link: SimLink): string {
  const parts: string[] = [];
  if (link.attack) {
    parts.push(`the ${link.attack} attack`);
    if (link.defence) parts.push(`defence ${link.defence}`);
  }
  if (link.scenario) parts.push(SCENARIOS[link.scenario].title);
  if (link.reg) parts.push(REGISTRATION_MODES[link.reg].title);
  if (link.at) parts.push(`at “${stepRefTitle(link.at)}”`);
  if (link.rev) parts.push(`revision ${link.rev}`);
  if (link.client) parts.push(`with a ${link.client} client`);
  return `Opens the simulator: ${parts.join(', ')}`;
}

/** A description of a `#/sim?…` link, or null when the link does not parse. */
export function describeSimHref(href: string): string | null {
  const parsed = parseSimHref(href);
  return parsed.ok ? describeSimLink(parsed.value) : null;
}
