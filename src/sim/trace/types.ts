/**
 * The trace: every message of a run, in order. It is the single source for the diagram, the
 * message list, the inspector and the exports, so it carries the real HTTP as it crossed the
 * simulated network (serialised to plain data so it can be cloned, stored and diffed).
 */
import type { Lane } from '../lanes';
import type { RuleId } from '../rules';
import type { StepId } from '../steps';

export type HeaderList = [name: string, value: string][];

export interface HttpRequestData {
  method: string;
  url: string;
  headers: HeaderList;
  body: string | null;
}

export interface HttpResponseData {
  status: number;
  statusText: string;
  headers: HeaderList;
  body: string | null;
}

/**
 * One line of a checklist the party worked through (token validation, callback validation...), with
 * the rule it enforces. A check the party does not perform (a vulnerable party) is `skipped`, never
 * shown as passed (a check returns the rule that acted, so the label shown is the rule enforced).
 */
export interface Check {
  label: string;
  status: 'pass' | 'fail' | 'skipped';
  detail: string;
  rule: RuleId;
  /**
   * How whoever sent the message makes this check pass, in a sentence. Written beside the check
   * (src/sim/checks), shown with a failed check; an imported HAR's findings always carry one.
   */
  fix?: string;
}

/**
 * Why a server refused a request: the rule whose check failed and the error it answered with. The
 * server builds it where the check runs and the trace records the same object with the response, so
 * the rule on screen is the rule that acted, never one guessed from the text.
 */
export interface Refusal {
  rule: RuleId;
  /** The protocol's error code: an OAuth error, a JSON-RPC code, or an HTTP reason. */
  error: string;
  description: string;
}

export interface Detail {
  /** What the party did, in one or two sentences, with the real values. */
  summary: string;
  checks?: Check[];
  /** Named values worth showing (verifier, challenge, scope...). */
  values?: Record<string, string>;
}

interface EventBase {
  /** Position in the trace, from 0. */
  seq: number;
  stepId: StepId;
  from: Lane;
  to: Lane;
  /** Simulated time, seconds since the epoch. */
  at: number;
  /** The rule this event shows being enforced (or broken), when there is one. */
  rule?: RuleId;
  /**
   * Marks an event in an attack: the attacker's own, what she stole, a message a check refused, and
   * the verdict: she won (breach) or the defences stopped her (defended).
   */
  mark?: 'attacker' | 'stolen' | 'blocked' | 'breach' | 'defended';
}

/**
 * What an observer's checks found about one message: set only on the messages of an imported HAR
 * (src/sim/har), where nobody's internal work is visible and the checks run on the wire itself.
 */
export interface Observed {
  checks?: Check[];
}

export interface RequestEvent extends EventBase, Observed {
  kind: 'request';
  exchange: number;
  request: HttpRequestData;
}

export interface ResponseEvent extends EventBase, Observed {
  kind: 'response';
  exchange: number;
  request: HttpRequestData;
  /** Null when no server answered (the host does not exist in the simulated internet). */
  response: HttpResponseData | null;
  error?: string;
  /** Set when the server refused the request because one of its checks failed. */
  refusal?: Refusal;
}

export interface NoteEvent extends EventBase {
  kind: 'internal' | 'handoff';
  title: string;
  detail: Detail;
  /** For a failed check: the outcome is an abort, shown as such. */
  outcome?: 'ok' | 'refused';
}

export type TraceEvent = RequestEvent | ResponseEvent | NoteEvent;

/** What trace listeners receive (the event without its position, which the recorder assigns). */
export type NewTraceEvent =
  Omit<RequestEvent, 'seq' | 'at'> | Omit<ResponseEvent, 'seq' | 'at'> | Omit<NoteEvent, 'seq' | 'at'>;

export function headerValue(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}
