/**
 * Importing a recorded flow: a HAR's text in, the trace the diagram draws and the verdict on each
 * rule out, or a clear message about what is wrong with the file. Never throws; nothing leaves the
 * page (this is pure computation on the text it is given).
 */
import type { TraceEvent } from '../trace/types';
import { analyse } from './analyse';
import type { HarProblem } from './parse';
import { readHar } from './parse';
import { summarise } from './summary';
import type { HarSummary } from './summary';

export { MAX_HAR_BYTES, sizeProblem, tooLarge } from './parse';
export type { HarProblem } from './parse';
export type { Finding, HarSummary, NotCheckable, RuleResult } from './summary';

export interface HarImport {
  trace: TraceEvent[];
  summary: HarSummary;
  /** What was skipped, left out or removed, in sentences. */
  notes: string[];
  /** The exporter's name, as the file gives it ("WebInspector", "MCP OAuth Flow Simulator"...). */
  creator: string | null;
}

export type HarResult =
  { ok: true; value: HarImport } | { ok: false; problem: HarProblem | UnrelatedProblem };

export interface UnrelatedProblem {
  kind: 'unrelated' | 'unreadable';
  message: string;
}

export async function importHar(text: string): Promise<HarResult> {
  try {
    const read = readHar(text);
    if (!read.ok) return read;
    const analysis = await analyse(read.exchanges, read.creator);
    if (analysis.trace.length === 0) {
      const count = read.exchanges.length;
      return {
        ok: false,
        problem: {
          kind: 'unrelated',
          message:
            count === 0
              ? 'This HAR has no HTTP requests in it.'
              : `This HAR has ${count} ${count === 1 ? 'request' : 'requests'}, and none is part of an MCP authorization flow: no 401 with a Bearer challenge, no protected resource metadata, no authorization server metadata, authorization or token request. Record while your client connects to the MCP server.`,
        },
      };
    }
    const notes = [...read.notes, ...analysis.notes];
    if (analysis.unrelated > 0)
      notes.push(
        `${analysis.unrelated} ${analysis.unrelated === 1 ? 'request that is' : 'requests that are'} no part of the flow (pages, scripts, other hosts) left out.`,
      );
    return {
      ok: true,
      value: { trace: analysis.trace, summary: summarise(analysis), notes, creator: read.creator },
    };
  } catch (error) {
    // A bug of ours must not take the page down with the user's file: say what happened.
    return {
      ok: false,
      problem: {
        kind: 'unreadable',
        message: `This HAR could not be read: ${error instanceof Error ? error.message : String(error)}.`,
      },
    };
  }
}
