/**
 * A recording becomes a trace the simulator's views draw: each exchange a request and a response
 * on the lanes roles.ts found, with the step it is, and on each message the checks of
 * src/sim/checks that apply to it, with their expectations taken from earlier messages (flow.ts).
 */
import { documentOf } from '../checks/discovery';
import { isLoopbackHttpUrl } from '../checks/urls';
import type { Check, RequestEvent, ResponseEvent, TraceEvent } from '../trace/types';
import { emptyFlow } from './flow';
import { onAuthorize, onBrowserAs, onCallback, onRegister } from './onAuthorization';
import { onAsMetadata, onMcp, onPrm } from './onDiscovery';
import { onToken } from './onToken';
import type { HarExchange } from './parse';
import { findParties, place, prmSourceOf } from './roles';
import type { BrowserState, Parties, Placement } from './roles';
import { INSPECTOR_CREATOR } from './inspector';
import { jsonObject, locationOf } from './walk';
import type { Message, Walk } from './walk';
import { stoppedCheck } from './wentOn';

/** Exchanges drawn at most: the diagram stays readable and quick (the bench measures 100 messages). */
export const MAX_EXCHANGES = 300;

export interface Analysis {
  trace: TraceEvent[];
  /** What was left out or could not be read, in sentences. */
  notes: string[];
  /** The recording's Authorization and Cookie headers were removed (a "sanitized" export). */
  sanitized: boolean;
  parties: Parties;
  /** How many exchanges were no part of the flow. */
  unrelated: number;
}

/** What runs on each kind of message (roles.ts decides the kind). */
const HANDLERS: Record<Placement['role'], (walk: Walk, e: HarExchange, m: Message) => void | Promise<void>> =
  {
    mcp: onMcp,
    prm: onPrm,
    'as-metadata': onAsMetadata,
    register: onRegister,
    authorize: onAuthorize,
    'browser-as': onBrowserAs,
    callback: onCallback,
    token: onToken,
    // The company IdP's exchanges are drawn on its lane; MCP authorization's rules do not bind it.
    idp: () => undefined,
  };

/** The failed client checks the client never went on from: it stopped, as it must. */
export function finish(walk: Walk): void {
  for (const failure of walk.flow.pending) {
    const message = walk.messages.find((x) => x.response.seq === failure.seq);
    message?.responseChecks.push(...stoppedCheck(failure));
  }
  for (const code of walk.flow.codes.values()) {
    if (code.failures.length === 0) continue;
    const message = walk.messages.find((x) => x.request.seq === code.callbackSeq);
    message?.requestChecks.push(
      ...stoppedCheck({
        key: 'callback',
        checks: code.failures,
        seq: code.callbackSeq,
        what: 'The authorization response',
      }),
    );
  }
}

/** Credentials removed by the exporter: Chromium's "sanitized" HAR drops Authorization and cookies. */
function isSanitized(exchanges: readonly HarExchange[], creator: string | null): boolean {
  const any = (names: string[]) =>
    exchanges.some((e) =>
      [...e.requestHeaders, ...e.responseHeaders].some(([n]) => names.includes(n.toLowerCase())),
    );
  const tokens = exchanges.some((e) => typeof jsonObject(e.responseBody)?.access_token === 'string');
  // The MCP Inspector's network export always writes the Authorization header as [REDACTED].
  if (creator === INSPECTOR_CREATOR) return true;
  return creator === 'WebInspector' && tokens && !any(['authorization', 'cookie', 'set-cookie']);
}

function withFindings<E extends RequestEvent | ResponseEvent>(event: E, checks: Check[]): E {
  if (checks.length === 0) return event;
  const failed = checks.find((c) => c.status === 'fail');
  return { ...event, checks, ...(failed ? { rule: failed.rule } : {}) };
}

/** The recording as a trace, with the checks on its messages. */
export async function analyse(exchanges: readonly HarExchange[], creator: string | null): Promise<Analysis> {
  const parties = findParties(exchanges);
  const sanitized = isSanitized(exchanges, creator);
  const walk: Walk = {
    flow: emptyFlow(),
    parties,
    sanitized,
    allowLoopbackHttp: [...parties.mcp].some(isLoopbackHttpUrl),
    metadataAtWellKnown: exchanges.some(
      (e) => prmSourceOf(e.url, undefined) !== null && documentOf(e.status, e.responseBody) !== undefined,
    ),
    messages: [],
  };
  const browser: BrowserState = { inAuthorization: false, nextHop: null };
  const notes: string[] = [];
  let unrelated = 0;
  let at = 0;
  for (const e of exchanges) {
    const placed = place(e, parties, browser, sanitized && walk.flow.holdsToken);
    if (!placed) {
      unrelated++;
      continue;
    }
    if (walk.messages.length >= MAX_EXCHANGES) {
      notes.push(`Only the first ${MAX_EXCHANGES} exchanges of the flow are drawn.`);
      break;
    }
    if (Number.isFinite(e.started)) at = e.started / 1000;
    const exchange = walk.messages.length;
    const seq = exchange * 2;
    const request = { method: e.method, url: e.url, headers: e.requestHeaders, body: e.requestBody };
    const message: Message = {
      request: {
        kind: 'request',
        seq,
        at,
        exchange,
        stepId: placed.stepId,
        from: placed.from,
        to: placed.to,
        request,
      },
      response: {
        kind: 'response',
        seq: seq + 1,
        at,
        exchange,
        stepId: placed.stepId,
        from: placed.to,
        to: placed.from,
        request,
        response:
          e.status === 0
            ? null
            : {
                status: e.status,
                statusText: e.statusText,
                headers: e.responseHeaders,
                body: e.responseBody,
              },
        ...(e.status === 0
          ? { error: 'no response was recorded (a network error, or the request was blocked)' }
          : {}),
      },
      requestChecks: [],
      responseChecks: [],
    };
    walk.messages.push(message);
    await HANDLERS[placed.role](walk, e, message);
    // The browser's part: from the authorization request to the callback, following redirects.
    if (placed.role === 'authorize') browser.inAuthorization = true;
    if (placed.role === 'callback') browser.inAuthorization = false;
    if (placed.from === 'browser') browser.nextHop = locationOf(e)?.href ?? null;
  }
  finish(walk);
  const trace = walk.messages.flatMap((m) => [
    withFindings(m.request, m.requestChecks),
    withFindings(m.response, m.responseChecks),
  ]);
  if (sanitized && creator !== INSPECTOR_CREATOR)
    notes.push(
      'This HAR was exported "sanitized": its Authorization headers and cookies were removed, so whether each request carried the token cannot be checked. In Chromium, export with "Export HAR (with sensitive data)" to check it.',
    );
  return { trace, notes, sanitized, parties, unrelated };
}
