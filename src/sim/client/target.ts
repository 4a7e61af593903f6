/**
 * What every request to the MCP server shares, in both eras: the access token in the Authorization
 * header (C-24; only the token-in-query vulnerability puts it in the URL), and the 401 and 403
 * answers that send the flow back to authorization (C-04, C-16).
 */
import type { StepId } from '../steps';
import type { ClientContext } from './session';
import type { CallResult } from './types';
import { dpopKey, dpopProof } from './dpop';
import { parseBearerChallenge } from './wwwAuthenticate';

export function requestTarget(
  ctx: ClientContext,
  headers: Record<string, string>,
  method = 'POST',
): { url: string; step: Extract<StepId, 'mcp-request' | 'mcp-unauthenticated'> } {
  const token = ctx.session.tokens?.access_token;
  const url = new URL(ctx.config.serverUrl);
  const key = dpopKey(ctx);
  if (token && key && ctx.session.tokens?.token_type?.toLowerCase() === 'dpop') {
    // RFC 9449 §7.1 (C-76): the DPoP scheme, and a fresh proof for this request, bound to this token.
    headers.Authorization = `DPoP ${token}`;
    headers.DPoP = dpopProof(ctx, key, method, url.href, token);
  } else if (token && ctx.config.checks.tokenInHeader) headers.Authorization = `Bearer ${token}`;
  else if (token) url.searchParams.set('access_token', token); // the vulnerable client (token-in-query attack)
  return { url: url.href, step: token ? 'mcp-request' : 'mcp-unauthenticated' };
}

/** 401, or 403 with insufficient_scope: what the flow machine acts on. Anything else is the caller's. */
export function authFailure(response: Response): CallResult | undefined {
  const challenge = parseBearerChallenge(response.headers.get('www-authenticate'));
  if (response.status === 401) return { kind: 'unauthorized', challenge };
  if (response.status === 403 && challenge?.error === 'insufficient_scope')
    return { kind: 'insufficient-scope', challenge };
  return undefined;
}
