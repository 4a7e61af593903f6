/**
 * Which rules the client follows: those of its own revision, or of the revision its authorization
 * negotiated down to (session.authRevision). Asked at the one place each rule is enforced.
 */
import { LATEST_REVISION } from '../revisions/ids';
import type { Revision } from '../revisions/ids';
import { ruleIn } from '../revisions/rules';
import type { RuleId } from '../rules';
import type { ClientContext } from './session';

export function clientRevision(ctx: ClientContext): Revision {
  return ctx.session.authRevision ?? ctx.config.revision ?? LATEST_REVISION;
}

export function applies(ctx: ClientContext, rule: RuleId): boolean {
  return ruleIn(clientRevision(ctx), rule);
}

/** Whether this client can fall back to 2025-03-26 discovery: it speaks that revision too. */
export function speaks20250326(ctx: ClientContext): boolean {
  return (ctx.config.legacyVersions ?? []).includes('2025-03-26') && clientRevision(ctx) !== '2025-03-26';
}
