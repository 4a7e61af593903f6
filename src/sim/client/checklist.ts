/**
 * The client records each validation as one internal step with its checklist, and stops on the
 * first failed check. One helper, so every check reads and records the same way.
 */
import type { StepId } from '../steps';
import type { RuleId } from '../rules';
import type { Check } from '../trace/types';
import type { ClientContext } from './session';

export interface ChecklistNote {
  stepId: StepId;
  checks: Check[];
  /** The rule cited when every check passes. */
  rule: RuleId;
  ok: { title: string; summary: string };
  refused: { title: (failed: Check) => string; summary: string };
}

/** Records the checklist; returns the first failed check, if any. */
export async function recordChecklist(ctx: ClientContext, note: ChecklistNote): Promise<Check | undefined> {
  const failed = note.checks.find((c) => !c.ok);
  await ctx.deps.note({
    kind: 'internal',
    stepId: note.stepId,
    title: failed ? note.refused.title(failed) : note.ok.title,
    outcome: failed ? 'refused' : 'ok',
    rule: failed?.rule ?? note.rule,
    detail: { summary: failed ? note.refused.summary : note.ok.summary, checks: note.checks },
  });
  return failed;
}
