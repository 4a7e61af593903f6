/**
 * Comparing two runs of the same seed (an attack with its defence off, then on): they agree message
 * for message until the one message or check where the rule made a difference. That is the point
 * the side-by-side view highlights.
 */
import type { TraceEvent } from './types';

/** What makes two events "the same message" for a reader: who, what, and how it ended. */
export function eventSignature(e: TraceEvent): string {
  const base = `${e.kind} ${e.stepId} ${e.from}>${e.to}`;
  switch (e.kind) {
    case 'request':
      return `${base} ${e.request.method} ${e.request.url.split('?')[0] ?? ''}`;
    case 'response': {
      // A tool that refuses answers 200 with isError: a different outcome all the same.
      const toolError = e.response?.body?.includes('"isError":true') ? ' tool-error' : '';
      return `${base} ${e.response?.status ?? 'none'}${toolError}`;
    }
    default:
      return `${base} ${e.outcome ?? ''} ${e.title}`;
  }
}

export interface RunDiff {
  /** Index of the first message that differs, or null if the runs are the same. */
  firstDifference: number | null;
  /** Messages both runs share, from the start. */
  common: number;
}

export function diffRuns(a: readonly TraceEvent[], b: readonly TraceEvent[]): RunDiff {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y || eventSignature(x) !== eventSignature(y)) return { firstDifference: i, common: i };
  }
  return a.length === b.length ? { firstDifference: null, common: n } : { firstDifference: n, common: n };
}
