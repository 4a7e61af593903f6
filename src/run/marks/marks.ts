/**
 * What an attack run adds to the picture of a trace: the message where a defence stopped the
 * attacker (with the rule it enforced), and the messages that carried a stolen artefact into the
 * attacker's hands. In an imported recording (src/sim/har), the rules each message broke, from the
 * checks on it. Pure and light (types only from the core), so the diagram, the message list and
 * the lab all read the same marks without loading the simulator.
 */
import { VULNERABILITIES } from '../../sim/attacks/vulnerabilities';
import type { VulnerabilityId } from '../../sim/attacks/vulnerabilities';
import type { AttackReport } from '../../sim/attacks/run';
import type { RuleId } from '../../sim/rules';
import type { TraceEvent } from '../../sim/trace/types';

export type MessageMark =
  | { kind: 'stop'; rule: RuleId | undefined }
  | { kind: 'stolen' }
  | { kind: 'broken'; rules: readonly RuleId[] };

export interface AttackMarks {
  /** The message where the defence stopped the attack (known once the run has ended). */
  stop: { seq: number; rule: RuleId | undefined } | null;
  /** Messages that carried a stolen artefact: those marked stolen, and the request that delivered one. */
  stolen: ReadonlySet<number>;
  /** In a recording: the rules each message broke (its failed checks), by seq. */
  broken: ReadonlyMap<number, MessageMark>;
}

export const NO_MARKS: AttackMarks = { stop: null, stolen: new Set(), broken: new Map() };

/** The rules a message's failed checks name, each once, in order. */
function brokenRules(event: TraceEvent): RuleId[] {
  if (event.kind !== 'request' && event.kind !== 'response') return [];
  return [...new Set((event.checks ?? []).filter((c) => c.status === 'fail').map((c) => c.rule))];
}

/**
 * A server the attacker runs marks its *response* stolen (the request was already on the wire when
 * her handler looked at it); the artefact itself crossed into her lane on that exchange's request,
 * so that request is marked too.
 */
export function attackMarks(trace: readonly TraceEvent[], report: AttackReport | null): AttackMarks {
  const stolen = new Set<number>();
  const broken = new Map<number, MessageMark>();
  const requestOf = new Map<number, number>();
  for (const event of trace) {
    const rules = brokenRules(event);
    if (rules.length > 0) broken.set(event.seq, { kind: 'broken', rules });
    if (event.kind === 'request') requestOf.set(event.exchange, event.seq);
    if (event.mark !== 'stolen') continue;
    stolen.add(event.seq);
    if (event.kind === 'response' && event.from === 'attacker') {
      const request = requestOf.get(event.exchange);
      if (request !== undefined) stolen.add(request);
    }
  }
  const stop = report?.stoppedAt ?? null;
  if (stop === null && stolen.size === 0 && broken.size === 0) return NO_MARKS;
  return { stop, stolen, broken };
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
  if (marks.stolen.has(seq)) return STOLEN;
  return marks.broken.get(seq) ?? null;
}

export function sameMark(a: MessageMark | null | undefined, b: MessageMark | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  if (a.kind === 'stop') return b.kind === 'stop' && a.rule === b.rule;
  if (a.kind === 'broken') return b.kind === 'broken' && a.rules.join() === b.rules.join();
  return a.kind === b.kind;
}

/** The words for a mark, for labels and screen readers: "attack stopped here by rule C-20". */
export function markText(mark: MessageMark): string {
  switch (mark.kind) {
    case 'stolen':
      return 'carries a stolen artefact to the attacker';
    case 'broken':
      return `breaks rule ${mark.rules.join(', ')}`;
    case 'stop':
      return `attack stopped here${mark.rule ? ` by rule ${mark.rule}` : ''}`;
  }
}

/** The short pill drawn on the arrow and in the list: "STOP · C-20" or "stolen". */
export function markPill(mark: MessageMark): string {
  switch (mark.kind) {
    case 'stolen':
      return 'stolen';
    case 'broken':
      return mark.rules.length > 1
        ? `${mark.rules[0] ?? ''} +${mark.rules.length - 1}`
        : (mark.rules[0] ?? '');
    case 'stop':
      return mark.rule ? `STOP · ${mark.rule}` : 'STOP';
  }
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
