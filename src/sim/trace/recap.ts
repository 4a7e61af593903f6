/**
 * The recap of a finished run, read from its trace alone: how it ended, how far it went (messages,
 * requests, phases), and the rules that decided it. A rule decides a run where a party enforced it
 * and refused (a server's refusal, a failed check, a client that stopped), where a party skipped it
 * (a vulnerable party: the check is `skipped`, never shown as passed), and, for a run that went
 * through, where the parties' checks held. Nothing here is written per scenario: every scenario,
 * registration, attack and drill gets its recap from what its parties did.
 */
import type { FlowOutcome } from '../flow/flowMachine';
import type { RuleId } from '../rules';
import { STEPS } from '../steps';
import type { Phase } from '../steps';
import type { TraceEvent } from './types';

/** How a rule took part: it refused, its check failed, a party skipped it, or its checks held. */
export type RuleVerdict = 'refused' | 'failed' | 'skipped' | 'held';

export interface RuleDecision {
  rule: RuleId;
  verdict: RuleVerdict;
  /** The first message where it did so. */
  seq: number;
}

export interface RunRecap {
  outcome: FlowOutcome['kind'];
  messages: number;
  requests: number;
  /** The phases the run went through, in the order it reached them. */
  phases: Phase[];
  /** Decisive rules first (refused, failed, skipped, in the order met), then those that held. */
  decided: RuleDecision[];
}

const WEIGHT: Record<RuleVerdict, number> = { refused: 0, failed: 1, skipped: 2, held: 3 };

/** Each rule's strongest part in the run (a refusal outweighs a check that held earlier). */
function decisionsOf(trace: readonly TraceEvent[]): RuleDecision[] {
  const found = new Map<RuleId, RuleDecision>();
  const note = (rule: RuleId, verdict: RuleVerdict, seq: number) => {
    const before = found.get(rule);
    if (!before || WEIGHT[verdict] < WEIGHT[before.verdict]) found.set(rule, { rule, verdict, seq });
  };
  for (const event of trace) {
    if (event.kind === 'response' && event.refusal) note(event.refusal.rule, 'refused', event.seq);
    if (event.kind === 'internal' || event.kind === 'handoff') {
      for (const check of event.detail.checks ?? [])
        note(
          check.rule,
          check.status === 'pass' ? 'held' : check.status === 'fail' ? 'failed' : 'skipped',
          event.seq,
        );
      if (event.outcome === 'refused' && event.rule) note(event.rule, 'refused', event.seq);
    }
  }
  return [...found.values()].sort((a, b) => WEIGHT[a.verdict] - WEIGHT[b.verdict] || a.seq - b.seq);
}

export function recapOf(trace: readonly TraceEvent[], outcome: FlowOutcome): RunRecap {
  const phases: Phase[] = [];
  for (const event of trace) {
    const phase = STEPS[event.stepId].phase;
    if (!phases.includes(phase)) phases.push(phase);
  }
  return {
    outcome: outcome.kind,
    messages: trace.length,
    requests: trace.filter((e) => e.kind === 'request').length,
    phases,
    decided: decisionsOf(trace),
  };
}
