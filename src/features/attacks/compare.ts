/**
 * The side-by-side view of one attack with its defence off and on, as data: the two runs aligned
 * message by message, the first message where they part (diffRuns), and the difference in words
 * for screen readers and for everyone. Pure; the runs themselves come from the lazily loaded core.
 */
import type { AttackReport } from '../../sim/attacks/run';
import type { ParamDifference, RunDiff } from '../../sim/trace/diff';
import type { TraceEvent } from '../../sim/trace/types';
import { eventTone, messageLabel, paramName, routeText, TONE_WORD } from '../../run/trace/describe';
import { outcomeHeadline } from '../../run/marks/marks';

export interface RunSide {
  trace: readonly TraceEvent[];
  report: AttackReport | null;
}

export interface RunPair {
  off: RunSide;
  on: RunSide;
  diff: RunDiff;
}

export type CompareRow =
  | { kind: 'same'; index: number; event: TraceEvent }
  | {
      kind: 'pair';
      index: number;
      off: TraceEvent | undefined;
      on: TraceEvent | undefined;
      first: boolean;
    };

/** Rows before the first difference are one message shared by both runs; from it on, a pair. */
export function compareRows(pair: RunPair): CompareRow[] {
  const { off, on, diff } = pair;
  const length = Math.max(off.trace.length, on.trace.length);
  const split = diff.firstDifference ?? length;
  const rows: CompareRow[] = [];
  for (let index = 0; index < length; index++) {
    const a = off.trace[index];
    if (index < split && a) rows.push({ kind: 'same', index, event: a });
    else
      rows.push({ kind: 'pair', index, off: a, on: on.trace[index], first: index === diff.firstDifference });
  }
  return rows;
}

/** "Auth server (internal): PKCE check failed (refused)": one message, in words. */
export function messageText(event: TraceEvent | undefined): string {
  if (!event) return 'nothing: that run has already ended';
  const tone = eventTone(event);
  return `${routeText(event)}: ${messageLabel(event)}${tone === 'normal' ? '' : ` (${TONE_WORD[tone]})`}`;
}

/** "code_challenge (in the URL): absent with the defence off, present with it on". */
export function paramText(param: ParamDifference): string {
  const value = (v: string | undefined) =>
    v === undefined ? 'absent' : v === 'present' ? 'present' : `"${v}"`;
  return `${paramName(param)}: ${value(param.a)} with the defence off, ${value(param.b)} with it on`;
}

/** The difference, said once in full: where the runs part, and where the defence stopped the attack. */
export function differenceText(pair: RunPair): string {
  const { off, on, diff } = pair;
  if (diff.firstDifference === null) return 'The two runs are the same, message for message.';
  const at = diff.firstDifference;
  const parts = [
    at === 0
      ? 'The runs differ from the first message.'
      : `Both runs send the same ${diff.common === 1 ? 'first message' : `first ${diff.common} messages`}.`,
    `Message ${at + 1} is the first difference: with the defence off, ${messageText(off.trace[at])}; with it on, ${messageText(on.trace[at])}.`,
    ...(diff.param ? [`What differs: ${paramText(diff.param)}.`] : []),
  ];
  const stop = on.report?.stoppedAt;
  if (stop) {
    const rule = stop.rule ? ` (rule ${stop.rule})` : '';
    parts.push(
      stop.seq === at
        ? `That is where the defence stopped the attack${rule}.`
        : `The defence stopped the attack at message ${stop.seq + 1}${rule}.`,
    );
  }
  return parts.join(' ');
}

export function sideHeadline(side: RunSide): string {
  return side.report ? outcomeHeadline(side.report) : 'The run ended without a verdict';
}
