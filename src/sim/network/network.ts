/**
 * The simulated internet: an in-process network that hands each request to the MSW handlers of
 * the host it is addressed to (MSW's `getResponse`, so nothing leaves the page) and records the
 * request and the response as two trace events. Redirects are never followed here: the browser
 * actor follows them itself, so each hop is its own message (fetch with redirect: 'follow' would hide
 * the hops inside one call).
 */
import { getResponse } from 'msw';
import type { RequestHandler } from 'msw';
import type { Lane } from '../lanes';
import type { RuleId } from '../rules';
import type { StepId } from '../steps';
import type { Recorder } from '../trace/recorder';
import type { HttpRequestData, Refusal, TraceEvent } from '../trace/types';
import { buildRequest, requestToData, responseToData } from './wire';

export type Mark = TraceEvent['mark'];

export interface SimInit {
  method?: string;
  headers?: Record<string, string> | [string, string][];
  body?: string | null;
  /**
   * Which step of the flow this request is (steps.ts): required, so an exchange can never be drawn
   * under a step nobody chose. Ignored by a real `fetch`.
   */
  step: StepId;
  mark?: Mark;
}

/** The fetch the parties use. A real `fetch` fits this type, which is what real-wire mode relies on. */
export type SimFetch = (url: string, init: SimInit) => Promise<Response>;

/** What the server answering the current request says about its response. */
export interface Annotation {
  /** The rule the response shows being applied (a refusal's rule, or the rule a challenge follows). */
  rule?: RuleId;
  mark?: Mark;
  /** The failed check, when the server refused the request. */
  refusal?: Refusal;
}

export interface Network {
  fetchAs(lane: Lane): SimFetch;
  /** Lets the server answering the current request name the rule its response enforces. */
  annotate(annotation: Annotation): void;
  /** Every handler, in the order requests try them (an attack's hosts first): real-wire mode serves these on a socket. */
  handlers(): RequestHandler[];
}

export interface NetworkOptions {
  recorder: Recorder;
  handlers: () => RequestHandler[];
  laneOf: (url: URL) => Lane | undefined;
}

function normaliseHeaders(headers: SimInit['headers']): [string, string][] {
  if (!headers) return [];
  return Array.isArray(headers) ? headers : Object.entries(headers);
}

export function createNetwork({ recorder, handlers, laneOf }: NetworkOptions): Network {
  const frames: Annotation[] = [];
  let exchanges = 0;

  const fetchAs =
    (from: Lane): SimFetch =>
    async (url, init) => {
      const { step } = init;
      const target = new URL(url);
      const to = laneOf(target) ?? 'attacker';
      const data: HttpRequestData = {
        method: (init.method ?? 'GET').toUpperCase(),
        url: target.href,
        headers: normaliseHeaders(init.headers),
        body: init.body ?? null,
      };
      const exchange = exchanges++;
      const request = buildRequest(data);
      // Record what actually goes on the wire (header names as the Request normalised them).
      const sent = { ...(await requestToData(request)), headers: data.headers };
      await recorder.record({
        kind: 'request',
        stepId: step,
        from,
        to,
        exchange,
        request: sent,
        ...(init.mark ? { mark: init.mark } : {}),
      });

      if (laneOf(target) === undefined) {
        await recorder.record({
          kind: 'response',
          stepId: step,
          from: to,
          to: from,
          exchange,
          request: sent,
          response: null,
          error: `Could not resolve host ${target.host}`,
        });
        throw new TypeError(`fetch failed: could not resolve host ${target.host}`);
      }

      frames.push({});
      let response: Response;
      try {
        response = (await getResponse(handlers(), request)) ?? new Response(null, { status: 404 });
      } catch (error) {
        // A server bug must be visible, never swallowed: tests assert that no exchange ends in 500.
        const message = error instanceof Error ? error.message : String(error);
        response = Response.json({ error: 'server_error', error_description: message }, { status: 500 });
      }
      const annotation = frames.pop() ?? {};
      await recorder.record({
        kind: 'response',
        stepId: step,
        from: to,
        to: from,
        exchange,
        request: sent,
        response: await responseToData(response),
        ...(annotation.rule ? { rule: annotation.rule } : {}),
        ...(annotation.mark ? { mark: annotation.mark } : {}),
        ...(annotation.refusal ? { refusal: annotation.refusal } : {}),
      });
      return response;
    };

  return {
    fetchAs,
    annotate: (annotation) => {
      const frame = frames[frames.length - 1];
      if (frame) Object.assign(frame, annotation);
    },
    handlers,
  };
}
