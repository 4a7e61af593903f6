/**
 * The client records each validation as one internal step with its checklist, and stops on the
 * first failed check. One helper, so every check reads and records the same way.
 */
import type { StepId } from '../steps';
import type { RuleId } from '../rules';
import { firstFailure } from '../trace/check';
import type { Check } from '../trace/types';
import type { ClientContext } from './session';

export interface ChecklistNote {
  stepId: StepId;
  checks: Check[];
  /** The rule cited when every check passes. */
  rule: RuleId;
  ok: { title: string; summary: string };
  refused: { title: (failed: Check) => string; summary: string };
  /** Named values worth showing with the checklist. */
  values?: Record<string, string>;
}

/** Records the checklist; returns the first failed check, if any. */
export async function recordChecklist(ctx: ClientContext, note: ChecklistNote): Promise<Check | undefined> {
  const failed = firstFailure(note.checks);
  // A skipped check is said to be skipped, in the title too: the step never reads as all done.
  const skipped = note.checks.filter((c) => c.status === 'skipped').map((c) => c.label);
  const title = failed
    ? note.refused.title(failed)
    : skipped.length > 0
      ? `Not checked: ${skipped.join(', ')}`
      : note.ok.title;
  const summary = failed
    ? note.refused.summary
    : skipped.length > 0
      ? `${note.ok.summary} This client skipped: ${skipped.join(', ')}.`
      : note.ok.summary;
  await ctx.deps.note({
    kind: 'internal',
    stepId: note.stepId,
    title,
    outcome: failed ? 'refused' : 'ok',
    rule: failed?.rule ?? note.rule,
    detail: { summary, checks: note.checks, ...(note.values ? { values: note.values } : {}) },
  });
  return failed;
}
