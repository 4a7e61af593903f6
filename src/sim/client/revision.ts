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

/** What the client and the server settled on: the MCP revision of the transport, and the authorization's. */
export interface Negotiated {
  /** The revision the transport runs at: 2026-07-28 (stateless) or the one initialize chose; unknown before any answer. */
  protocol: string | undefined;
  transport: 'stateless' | 'sessions' | 'unknown';
  /** The revision whose rules the authorization followed (2025-03-26 when the client negotiated down to it). */
  authorization: Revision;
}

/** Read from the session while it is open (closing a legacy session forgets its version). */
export function negotiated(ctx: ClientContext): Negotiated {
  const { session, config } = ctx;
  const transport =
    session.era === 'modern' ? 'stateless' : session.era === 'legacy' ? 'sessions' : 'unknown';
  const protocol =
    session.era === 'modern'
      ? config.protocolVersion
      : session.era === 'legacy'
        ? session.legacy?.version
        : undefined;
  return { protocol, transport, authorization: clientRevision(ctx) };
}

/** One line for a person: which revision the run ended on, and how the authorization server was found. */
export function describeNegotiated(n: Negotiated): string {
  const transport =
    n.transport === 'stateless'
      ? `${n.protocol ?? '?'} (stateless: no initialize, no session)`
      : n.transport === 'sessions'
        ? `${n.protocol ?? '(no session open)'} (initialize and a session)`
        : 'not known (the server never answered an MCP request)';
  const authorization =
    n.authorization === '2025-03-26'
      ? "authorization as in 2025-03-26 (no protected resource metadata: the authorization server at the MCP server's origin)"
      : `authorization through protected resource metadata, by the rules of ${n.authorization}`;
  return `Revision: ended on ${transport}; ${authorization}`;
}
