/**
 * Mixed eras: a client of one revision against servers of another, which is what developers meet
 * in the field. Each combination is a real run of the same parties (a client and servers each
 * consulting their own revision), so whether it completes, and the message where it breaks, come
 * from what the parties did, never from a table.
 */
import { runFlow } from '../flow/simulation';
import type { FlowOutcome } from '../flow/flowMachine';
import type { RuleId } from '../rules';
import type { RegistrationMode } from '../scenarios';
import type { StepId } from '../steps';
import type { NoteEvent, ResponseEvent, TraceEvent } from '../trace/types';
import { REVISIONS } from './ids';
import type { Revision } from './ids';
import { CLIENT_KINDS } from './profile';
import type { ClientKind } from './profile';

/** The message that shows where a run broke. */
export interface Break {
  /** Its place in the trace (0-based), for a link to it. */
  seq: number;
  stepId: StepId;
  part: 'request' | 'response' | 'note';
  rule: RuleId | undefined;
  /** The message in words: "404 to POST https://mcp.example.com/register", or the note's title. */
  what: string;
  /**
   * What shows why, when `what` is a party's note: its failed check ("Metadata found: no protected
   * resource metadata at any well-known URL"), or the error answer it reacted to.
   */
  evidence: string | undefined;
}

function describeAnswer(e: ResponseEvent): string {
  const answer = e.response ? String(e.response.status) : 'no answer';
  const why = e.refusal ? `: ${e.refusal.error} (${e.refusal.description})` : '';
  return `${answer} to ${e.request.method} ${e.request.url}${why}`;
}

function isErrorAnswer(e: TraceEvent | undefined): e is ResponseEvent {
  return e?.kind === 'response' && (!e.response || e.response.status >= 400);
}

/** The note's failed check, or the error answer just before it (the note reacts to it). */
function evidenceOf(trace: readonly TraceEvent[], note: NoteEvent): string | undefined {
  const failed = note.detail.checks?.find((c) => c.status === 'fail');
  if (failed) return `${failed.label}: ${failed.detail}`;
  const before = trace[note.seq - 1];
  return isErrorAnswer(before) ? describeAnswer(before) : undefined;
}

export interface EraRun {
  client: ClientKind;
  server: Revision;
  registration: RegistrationMode;
  outcome: FlowOutcome;
  /** Undefined when the run completed. */
  breaks: Break | undefined;
  trace: readonly TraceEvent[];
}

/**
 * The last message before the end that said no: a party's refused check, or an error answer. A
 * run that did not complete always has one (the client stops on a refusal or an error it received).
 */
export function breakOf(trace: readonly TraceEvent[], outcome: FlowOutcome): Break | undefined {
  if (outcome.kind === 'success') return undefined;
  for (let seq = trace.length - 1; seq >= 0; seq--) {
    const e = trace[seq];
    if (!e || e.stepId === 'flow-ended') continue;
    if ((e.kind === 'internal' || e.kind === 'handoff') && e.outcome === 'refused')
      return {
        seq,
        stepId: e.stepId,
        part: 'note',
        rule: e.rule,
        what: e.title,
        evidence: evidenceOf(trace, e),
      };
    if (isErrorAnswer(e))
      return {
        seq,
        stepId: e.stepId,
        part: 'response',
        rule: e.refusal?.rule ?? e.rule,
        what: describeAnswer(e),
        evidence: undefined,
      };
  }
  return undefined;
}

/** One combination: the first connection, with this client and these servers. */
export async function runMixed(
  client: ClientKind,
  server: Revision,
  registration: RegistrationMode,
  seed = 'demo',
): Promise<EraRun> {
  const run = await runFlow({ seed, scenario: 'first-connection', registration, revision: server, client });
  return {
    client,
    server,
    registration,
    outcome: run.outcome,
    breaks: breakOf(run.trace, run.outcome),
    trace: run.trace,
  };
}

/** Every client against every server revision, one after the other (each run has its own world). */
export async function mixedEraMatrix(registration: RegistrationMode, seed = 'demo'): Promise<EraRun[]> {
  const runs: EraRun[] = [];
  for (const client of CLIENT_KINDS)
    for (const server of REVISIONS) runs.push(await runMixed(client, server, registration, seed));
  return runs;
}
