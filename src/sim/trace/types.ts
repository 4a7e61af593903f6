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

/** One line of a checklist the party worked through (token validation, callback validation...). */
export interface Check {
  label: string;
  ok: boolean;
  detail: string;
  rule?: RuleId;
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
  /** Marks an event in an attack: the attacker's own, or the point where a defence stopped it. */
  mark?: 'attacker' | 'stolen' | 'blocked' | 'breach';
}

export interface RequestEvent extends EventBase {
  kind: 'request';
  exchange: number;
  request: HttpRequestData;
}

export interface ResponseEvent extends EventBase {
  kind: 'response';
  exchange: number;
  request: HttpRequestData;
  /** Null when no server answered (the host does not exist in the simulated internet). */
  response: HttpResponseData | null;
  error?: string;
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
