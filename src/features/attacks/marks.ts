/**
 * What an attack run adds to the picture of a trace: the message where a defence stopped the
 * attacker (with the rule it enforced), and the messages that carried a stolen artefact into the
 * attacker's hands. Pure and light (types only from the core), so the diagram, the message list and
 * the lab all read the same marks without loading the simulator.
 */
import { VULNERABILITIES } from '../../sim/attacks/vulnerabilities';
import type { VulnerabilityId } from '../../sim/attacks/vulnerabilities';
import type { AttackReport } from '../../sim/attacks/run';
import type { RuleId } from '../../sim/rules';
import type { TraceEvent } from '../../sim/trace/types';

export type MessageMark = { kind: 'stop'; rule: RuleId | undefined } | { kind: 'stolen' };

export interface AttackMarks {
  /** The message where the defence stopped the attack (known once the run has ended). */
  stop: { seq: number; rule: RuleId | undefined } | null;
  /** Messages that carried a stolen artefact: those marked stolen, and the request that delivered one. */
  stolen: ReadonlySet<number>;
}

export const NO_MARKS: AttackMarks = { stop: null, stolen: new Set() };

/**
 * A server the attacker runs marks its *response* stolen (the request was already on the wire when
 * her handler looked at it); the artefact itself crossed into her lane on that exchange's request,
 * so that request is marked too.
 */
export function attackMarks(trace: readonly TraceEvent[], report: AttackReport | null): AttackMarks {
  const stolen = new Set<number>();
  const requestOf = new Map<number, number>();
  for (const event of trace) {
    if (event.kind === 'request') requestOf.set(event.exchange, event.seq);
    if (event.mark !== 'stolen') continue;
    stolen.add(event.seq);
    if (event.kind === 'response' && event.from === 'attacker') {
      const request = requestOf.get(event.exchange);
      if (request !== undefined) stolen.add(request);
    }
  }
  const stop = report?.stoppedAt ?? null;
  if (stop === null && stolen.size === 0) return NO_MARKS;
  return { stop, stolen };
}

const STOLEN: MessageMark = { kind: 'stolen' };
const stopMarks = new WeakMap<AttackMarks, MessageMark>();

/** The mark of one message; the same object each time for the same marks, so memoized rows keep still. */
export function markOf(marks: AttackMarks, seq: number): MessageMark | null {
  if (marks.stop?.seq === seq) {
    const known = stopMarks.get(marks);
    if (known) return known;
    const mark: MessageMark = { kind: 'stop', rule: marks.stop.rule };
    stopMarks.set(marks, mark);
    return mark;
  }
  return marks.stolen.has(seq) ? STOLEN : null;
}

export function sameMark(a: MessageMark | null | undefined, b: MessageMark | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.kind === b.kind && (a.kind !== 'stop' || (b.kind === 'stop' && a.rule === b.rule));
}

/** The words for a mark, for labels and screen readers: "attack stopped here by rule C-20". */
export function markText(mark: MessageMark): string {
  if (mark.kind === 'stolen') return 'carries a stolen artefact to the attacker';
  return `attack stopped here${mark.rule ? ` by rule ${mark.rule}` : ''}`;
}

/** The short pill drawn on the arrow and in the list: "STOP · C-20" or "stolen". */
export function markPill(mark: MessageMark): string {
  if (mark.kind === 'stolen') return 'stolen';
  return mark.rule ? `STOP · ${mark.rule}` : 'STOP';
}

/** The rules a defence enforces: the ones its vulnerabilities break, each once. */
export function defenceRules(vulnerabilities: readonly VulnerabilityId[]): RuleId[] {
  return [...new Set<RuleId>(vulnerabilities.map((v) => VULNERABILITIES[v].breaks))];
}

/** The outcome in one headline: what the banner, the compare view and the announcement say. */
export function outcomeHeadline(report: AttackReport): string {
  if (report.attackerWon) return 'Attack succeeded';
  if (!report.stoppedAt) return 'Attack failed';
  const rule = report.stoppedAt.rule ? ` by rule ${report.stoppedAt.rule}` : '';
  return `Attack stopped at message ${report.stoppedAt.seq + 1}${rule}`;
}

/** The first message where a stolen artefact crossed to the attacker, to show a breach. */
export function firstTheft(marks: AttackMarks): number | null {
  const seqs = [...marks.stolen];
  return seqs.length > 0 ? Math.min(...seqs) : null;
}
