/**
 * Words for trace events, shared by the diagram, the message list, the step explainer, the
 * inspector, the exports and the speaker notes, so one message reads the same everywhere. Pure functions over the core's public
 * types (no simulator code is loaded by this file: steps/lanes/rules are plain data).
 */
import { LANES } from '../../sim/lanes';
import type { Lane } from '../../sim/lanes';
import type { RuleId } from '../../sim/rules';
import { STEPS } from '../../sim/steps';
import type { Phase } from '../../sim/steps';
import { headerValue } from '../../sim/trace/types';
import type { TraceEvent } from '../../sim/trace/types';
import type { ParamDifference } from '../../sim/trace/diff';

/** Which half of an exchange an event is; notes (internal work, handoffs) have none. */
export type EventPart = 'request' | 'response' | 'note';

export function eventPart(event: TraceEvent): EventPart {
  return event.kind === 'request' || event.kind === 'response' ? event.kind : 'note';
}

/**
 * How a message reads at a glance: 'error' for an HTTP error answer (a lesson, not a crash),
 * 'refused' for a failed check, 'blocked' where a check refused a request, 'attacker' for the
 * attacker's own. The verdict of an attack has one meaning everywhere (the lab,
 * the diagram, the list, the step panel, the inspector, presenter mode): the attacker's colour when
 * she won, the colour of a success when the defences stopped her ('defended').
 */
export type Tone = 'normal' | 'error' | 'refused' | 'blocked' | 'attacker' | 'defended';

/** An icon per tone, always paired with a word (TONE_WORD) so meaning never rests on colour. */
export const TONE_ICON: Record<Tone, string> = {
  normal: '',
  error: '⚠',
  refused: '✕',
  blocked: '⊘',
  attacker: '☠',
  defended: '✓',
};

export const TONE_WORD: Record<Tone, string> = {
  normal: '',
  error: 'error',
  refused: 'refused',
  blocked: 'blocked',
  attacker: 'attacker',
  defended: 'attack stopped',
};

export function eventTone(event: TraceEvent): Tone {
  if (event.mark === 'defended') return 'defended';
  if (event.mark === 'blocked') return 'blocked';
  if (event.mark === 'attacker' || event.mark === 'stolen' || event.mark === 'breach') return 'attacker';
  if (event.kind === 'response') return !event.response || event.response.status >= 400 ? 'error' : 'normal';
  if (event.kind === 'internal' || event.kind === 'handoff')
    return event.outcome === 'refused' ? 'refused' : 'normal';
  return 'normal';
}

/** Path of a URL, with "?…" when it had a query (the full URL is in the inspector). */
export function shortPath(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + (parsed.search ? '?…' : '');
  } catch {
    return url;
  }
}

/** The OAuth error code an error answer carries, from its JSON body or its WWW-Authenticate header. */
export function errorCode(event: TraceEvent): string | null {
  if (event.kind !== 'response' || !event.response) return null;
  const challenge = headerValue(event.response.headers, 'www-authenticate');
  const fromHeader = challenge ? /error="([^"]+)"/.exec(challenge)?.[1] : undefined;
  if (fromHeader) return fromHeader;
  if (event.response.status < 400 || !event.response.body) return null;
  try {
    const body: unknown = JSON.parse(event.response.body);
    if (body && typeof body === 'object' && 'error' in body && typeof body.error === 'string')
      return body.error;
  } catch {
    // Not JSON (an HTML error page): the status line says enough.
  }
  return null;
}

/** The short label drawn on the arrow: method + path, status + text, or the note's own title. */
export function messageLabel(event: TraceEvent): string {
  switch (event.kind) {
    case 'request':
      return `${event.request.method} ${shortPath(event.request.url)}`;
    case 'response': {
      if (!event.response) return `No answer${event.error ? `: ${event.error}` : ''}`;
      const code = errorCode(event);
      return `${event.response.status} ${event.response.statusText}${code ? ` · ${code}` : ''}`;
    }
    case 'internal':
    case 'handoff':
      return event.title;
  }
}

export interface StepText {
  /** The step's title for this part (request/response title for exchanges). */
  title: string;
  explain: string;
  rules: readonly RuleId[];
  phase: Phase;
}

/** The teaching text for an event, from STEPS (the one place a step's words live, so the list, the diagram and the inspector cannot disagree). */
export function stepText(event: TraceEvent): StepText {
  const step = STEPS[event.stepId];
  const base = { rules: step.rules, phase: step.phase };
  if (step.kind === 'exchange') {
    const part = event.kind === 'response' ? step.response : step.request;
    return { ...base, title: part.title, explain: part.explain };
  }
  return { ...base, title: step.title, explain: step.explain };
}

export function laneName(lane: Lane): string {
  return LANES[lane].label;
}

/** "Client → Authorization Server", or "Client (internal)" for work on one lane. */
export function routeText(event: TraceEvent): string {
  if (event.from === event.to) return `${LANES[event.from].short} (internal)`;
  return `${LANES[event.from].short} → ${LANES[event.to].short}`;
}

/** One sentence naming the message, for the message list and the screen-reader announcement. */
export function eventSentence(event: TraceEvent): string {
  const tone = eventTone(event);
  const flag =
    tone === 'error'
      ? ' (error answer)'
      : tone === 'refused'
        ? ' (check failed)'
        : tone === 'blocked'
          ? ' (blocked)'
          : tone === 'attacker'
            ? ' (attacker)'
            : tone === 'defended'
              ? ' (attack stopped)'
              : '';
  return `${routeText(event)}: ${messageLabel(event)}${flag}`;
}

/** The title of the run's last event once it has ended ("Authorized: the tool ran", ...). */
export function endTitle(trace: readonly TraceEvent[]): string {
  const last = trace.at(-1);
  return last && last.kind !== 'request' && last.kind !== 'response' ? last.title : 'the flow stopped';
}

/** Where a parameter sits, in words. */
const PLACE: Record<string, string> = {
  'url query': 'in the URL',
  request: 'of the request',
  response: 'of the response',
  'request form': 'in the form body',
  'request json': 'in the JSON body',
  'response json': 'in the JSON body',
  'response location query': 'in the redirect',
  'response www-authenticate': 'in WWW-Authenticate',
  'request header': 'header',
  'response header': 'header',
  'request bearer claim': 'claim of the token sent',
  'response access_token claim': 'claim of the token issued',
  check: 'check',
  note: 'of the step',
};

/** "code_challenge (in the URL)", "iss (check)": a parameter of the diff, in words. */
export function paramName(param: Pick<ParamDifference, 'where' | 'name'>): string {
  const place = PLACE[param.where] ?? param.where;
  return place ? `${param.name} (${place})` : param.name;
}
