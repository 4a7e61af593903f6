/**
 * Building checklist lines. Every check is made here, with its rule, so a party cannot record a
 * check without saying which rule it enforces, nor show a check it skipped as passed.
 */
import type { RuleId } from '../rules';
import type { Check } from './types';

export function check(
  rule: RuleId,
  label: string,
  passed: boolean,
  detail: string,
  /** False when this party does not perform the check (a named vulnerability). */
  enforced = true,
): Check {
  if (!enforced) {
    return {
      label,
      rule,
      status: 'skipped',
      detail: `Not checked (vulnerable ${rule.startsWith('C') ? 'client' : 'server'}): it would have ${passed ? 'passed' : 'failed'}. ${detail}`,
    };
  }
  return { label, rule, status: passed ? 'pass' : 'fail', detail };
}

/** The same check with how to make it pass, for whoever sent the message that failed it. */
export function withFix(c: Check, fix: string): Check {
  return { ...c, fix };
}

/** The first check that failed: the one whose rule the refusal names. */
export function firstFailure(checks: readonly Check[]): Check | undefined {
  return checks.find((c) => c.status === 'fail');
}
