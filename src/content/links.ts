/**
 * The links lessons and quiz questions use to put the simulator at a place in the flow:
 * `#/sim?scenario=first-connection&reg=dcr&at=token:response` or `#/sim?attack=mix-up&defence=on`,
 * and lesson-to-lesson links `#/lessons/<lesson id>`. Every id in a link is checked against the
 * simulator's own tables (steps.ts, scenarios.ts, attacks/ids.ts), so a renamed step breaks a test,
 * not a learner's click.
 */
import { isAttackId, variantOf, type AttackId } from '../sim/attacks/ids';
import {
  DEFAULT_REGISTRATION,
  isRegistrationMode,
  isScenarioId,
  REGISTRATION_MODE_IDS,
  type RegistrationMode,
  type ScenarioId,
} from '../sim/scenarios';
import { STEPS_IN_RUNS } from './stepsInRuns';
import { STEPS_IN_RUNS_BY_REVISION } from './stepsInRunsByRevision';
import { isRevision, LATEST_REVISION } from '../sim/revisions/ids';
import type { Revision } from '../sim/revisions/ids';
import {
  isClientKind,
  registrationUnsupported,
  scenarioUnsupported,
  supportedRegistration,
} from '../sim/revisions/profile';
import type { ClientKind } from '../sim/revisions/profile';
import { formatStepRef, parseStepRef } from '../sim/stepRef';
import type { Parsed, StepRef } from '../sim/stepRef';

export { formatStepRef, isStepRef, parseStepRef } from '../sim/stepRef';
export type { Parsed, StepPart, StepRef } from '../sim/stepRef';

export type Defence = 'on' | 'off';

export interface SimLink {
  scenario?: ScenarioId | undefined;
  reg?: RegistrationMode | undefined;
  at?: StepRef | undefined;
  attack?: AttackId | undefined;
  defence?: Defence | undefined;
  variant?: string | undefined;
  /** The revision the servers (and the client) follow; absent: the latest. */
  rev?: Revision | undefined;
  /** A client of another revision, or the dual-era one (mixed eras). */
  client?: ClientKind | undefined;
}

/** The machine scenarios with a pre-registered secret: a registration mode means nothing there. */
const SECRET_MACHINES: readonly ScenarioId[] = ['client-credentials', 'client-credentials-post'];

export const SIM_PARAMS = ['scenario', 'reg', 'at', 'attack', 'defence', 'variant', 'rev', 'client'] as const;
export type SimParam = (typeof SIM_PARAMS)[number];

function isSimParam(value: string): value is SimParam {
  return (SIM_PARAMS as readonly string[]).includes(value);
}

export function isDefence(value: string): value is Defence {
  return value === 'on' || value === 'off';
}

/** Cross-field rules for a simulator link whose single fields are already valid ids. */
export function simLinkProblems(link: SimLink): string[] {
  const problems: string[] = [];
  if (link.scenario === undefined && link.attack === undefined) {
    problems.push('a simulator link needs a scenario or an attack');
  }
  if (link.defence !== undefined && link.attack === undefined) {
    problems.push('"defence" only applies to an attack link');
  }
  if (link.variant !== undefined && (link.attack === undefined || !variantOf(link.attack, link.variant))) {
    problems.push(`"${link.variant}" is not a variant of ${link.attack ?? 'any attack: there is no attack'}`);
  }
  if (link.reg !== undefined && link.scenario !== undefined && SECRET_MACHINES.includes(link.scenario)) {
    problems.push(`the ${link.scenario} scenario has no registration mode`);
  }
  const revision = link.rev ?? LATEST_REVISION;
  const lacking = [
    link.scenario ? scenarioUnsupported(revision, link.scenario) : null,
    link.reg ? registrationUnsupported(revision, link.reg) : null,
  ].filter((why): why is string => why !== null);
  for (const why of lacking) problems.push(`not in ${revision}: ${why}`);
  const step = link.at?.step;
  const scenario = link.scenario;
  if (step !== undefined && scenario !== undefined && link.attack === undefined && lacking.length === 0) {
    // Checked against what the runs do (stepsInRuns.ts, stepsInRunsByRevision.ts: generated from
    // headless runs). A link with a client of another revision is not checked step by step.
    const runs: Partial<Record<RegistrationMode, readonly string[]>> =
      revision === LATEST_REVISION
        ? STEPS_IN_RUNS[scenario]
        : (STEPS_IN_RUNS_BY_REVISION[revision]?.[scenario] ?? {});
    const reg = link.reg ?? supportedRegistration(revision, DEFAULT_REGISTRATION);
    if (link.client === undefined && !(runs[reg] ?? []).includes(step)) {
      const elsewhere = REGISTRATION_MODE_IDS.filter((r) => runs[r]?.includes(step));
      problems.push(
        elsewhere.length > 0 && !SECRET_MACHINES.includes(scenario)
          ? `step "${step}" needs reg=${elsewhere.join(' or reg=')}`
          : `step "${step}" does not happen in scenario "${scenario}"`,
      );
    }
  }
  return problems;
}

/** Parses and validates `#/sim?...`. Unknown, repeated or empty parameters are errors. */
export function parseSimHref(href: string): Parsed<SimLink> {
  const match = /^#\/sim(?:\?(.*))?$/.exec(href);
  if (!match) return { ok: false, error: `"${href}" is not a #/sim link` };
  const link: SimLink = {};
  const seen = new Set<string>();
  for (const [key, value] of new URLSearchParams(match[1] ?? '')) {
    if (!isSimParam(key)) return { ok: false, error: `unknown parameter "${key}" in "${href}"` };
    if (seen.has(key)) return { ok: false, error: `parameter "${key}" repeated in "${href}"` };
    seen.add(key);
    if (value === '') return { ok: false, error: `parameter "${key}" is empty in "${href}"` };
    switch (key) {
      case 'scenario':
        if (!isScenarioId(value)) return { ok: false, error: `unknown scenario "${value}"` };
        link.scenario = value;
        break;
      case 'reg':
        if (!isRegistrationMode(value)) return { ok: false, error: `unknown registration mode "${value}"` };
        link.reg = value;
        break;
      case 'at': {
        const ref = parseStepRef(value);
        if (!ref.ok) return ref;
        link.at = ref.value;
        break;
      }
      case 'attack':
        if (!isAttackId(value)) return { ok: false, error: `unknown attack id "${value}"` };
        link.attack = value;
        break;
      case 'defence':
        if (!isDefence(value)) return { ok: false, error: `defence must be "on" or "off", not "${value}"` };
        link.defence = value;
        break;
      case 'variant':
        link.variant = value;
        break;
      case 'rev':
        if (!isRevision(value)) return { ok: false, error: `unknown revision "${value}"` };
        link.rev = value;
        break;
      case 'client':
        if (!isClientKind(value)) return { ok: false, error: `unknown client "${value}"` };
        link.client = value;
        break;
    }
  }
  const problems = simLinkProblems(link);
  if (problems.length > 0) return { ok: false, error: `${href}: ${problems.join('; ')}` };
  return { ok: true, value: link };
}

/** The inverse of parseSimHref, parameters in a fixed order. */
export function formatSimHref(link: SimLink): string {
  const params = new URLSearchParams();
  if (link.scenario) params.set('scenario', link.scenario);
  if (link.reg) params.set('reg', link.reg);
  if (link.at) params.set('at', formatStepRef(link.at));
  if (link.attack) params.set('attack', link.attack);
  if (link.defence) params.set('defence', link.defence);
  if (link.variant) params.set('variant', link.variant);
  if (link.rev) params.set('rev', link.rev);
  if (link.client) params.set('client', link.client);
  return `#/sim?${params.toString().replace(/%3A/g, ':')}`;
}

const LESSON_HREF = /^#\/lessons\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** The lesson id of a `#/lessons/<id>` link, or null. Whether the lesson exists is the caller's check. */
export function parseLessonHref(href: string): string | null {
  return LESSON_HREF.exec(href)?.[1] ?? null;
}

export type LinkKind = 'sim' | 'lesson' | 'external' | 'other';

export function classifyHref(href: string): LinkKind {
  if (href === '#/sim' || href.startsWith('#/sim?')) return 'sim';
  if (href.startsWith('#/lessons/')) return 'lesson';
  if (/^https?:\/\//.test(href)) return 'external';
  return 'other';
}

export interface MarkdownLink {
  text: string;
  href: string;
  /** 1-based line in the Markdown body. */
  line: number;
}

const INLINE_LINK = /(!?)\[([^\]]*)\]\(\s*([^)\s]+)(?:\s+"[^"]*")?\s*\)/g;

/**
 * Every inline link `[text](href)` in a Markdown body, outside fenced code blocks and inline code.
 * Images (`![alt](src)`) are not links and are left out.
 */
export function extractLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  let fence: string | null = null;
  markdown.split(/\r?\n/).forEach((line, index) => {
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      if (fence === null) fence = marker;
      else if (marker.startsWith(fence)) fence = null;
      return;
    }
    if (fence !== null) return;
    const withoutCode = line.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length));
    for (const match of withoutCode.matchAll(INLINE_LINK)) {
      if (match[1] === '!') continue;
      links.push({ text: match[2] ?? '', href: match[3] ?? '', line: index + 1 });
    }
  });
  return links;
}

/** "Try it" links are the ones whose text starts with "Try it". */
export function isTryItLink(link: MarkdownLink): boolean {
  return /^Try it\b/.test(link.text) && classifyHref(link.href) === 'sim';
}
