/**
 * A failed client check is the client's to act on: it must stop (C-22 for metadata naming another
 * resource, C-06 for a foreign issuer, C-28 without PKCE support, C-30 and C-19 for a forged or
 * mixed-up response). A recording shows whether it did: the next request that uses what failed.
 * That request breaks the same rule, and is marked with it.
 */
import { check, withFix } from '../trace/check';
import type { Check } from '../trace/types';
import type { PendingFailure } from './flow';

/** Only the client's own rules: a server rule failing (S-01, A-16) is the server's to fix. */
function clientRule(c: Check): boolean {
  return c.rule.startsWith('C-');
}

/**
 * The client's conduct after a failure: `using` names the request that went on with what failed
 * (the rule broken there), or is null when nothing did (the client stopped, as it must).
 */
function conduct(failure: PendingFailure, using: string | null): Check[] {
  return failure.checks
    .filter(clientRule)
    .map((failed) =>
      withFix(
        check(
          failed.rule,
          `Stops when "${failed.label}" fails`,
          using === null,
          `${failure.what} (message ${failure.seq + 1}) failed ${failed.rule}${
            using === null
              ? ', and the client sent nothing that used it.'
              : `: ${failed.detail}. The client went on and ${using}.`
          }`,
        ),
        `Stop the flow when this check fails; use nothing from ${failure.what.replace(/^The /, 'the ')}.`,
      ),
    );
}

export function wentOnChecks(failure: PendingFailure, using: string): Check[] {
  return conduct(failure, using);
}

/** The pass that says the client stopped: a failed check and nothing that used it afterwards. */
export function stoppedCheck(failure: PendingFailure): Check[] {
  return conduct(failure, null);
}
