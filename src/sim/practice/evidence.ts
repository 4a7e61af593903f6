/**
 * Which rules a run shows broken, read from the run itself, the way a learner reads it: the checks
 * an observer runs on every message that crossed the wire (the HAR import's, src/sim/har, the same
 * functions the parties use), and the checks a party recorded as "Not checked" on its own lane (a
 * vulnerable party's switched-off check). A client rule whose check failed and at which the client
 * stopped, refusing with that very rule, was kept, not broken: the fault lies with whoever sent what
 * failed it. Used by the tests that hold every drill to its fault, and the honest world to none.
 */
import type { FlowOutcome } from '../flow/flowMachine';
import { importHar } from '../har';
import type { RuleId } from '../rules';
import { toHar } from '../trace/export';
import type { TraceEvent } from '../trace/types';

export interface RunEvidence {
  trace: readonly TraceEvent[];
  outcome: FlowOutcome;
}

export async function rulesBroken(run: RunEvidence): Promise<RuleId[]> {
  const imported = await importHar(JSON.stringify(toHar(run.trace)));
  if (!imported.ok) throw new Error(`the run's own HAR did not import: ${imported.problem.message}`);
  const kept = run.outcome.kind === 'refused' ? run.outcome.rule : undefined;
  const onTheWire = imported.value.summary.failed.map((r) => r.rule).filter((rule) => rule !== kept);
  const skipped = run.trace.flatMap((e) =>
    e.kind === 'internal' || e.kind === 'handoff'
      ? (e.detail.checks ?? []).filter((c) => c.status === 'skipped').map((c) => c.rule)
      : [],
  );
  return [...new Set([...onTheWire, ...skipped])].sort();
}
