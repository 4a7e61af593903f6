/**
 * WWW-Authenticate challenges for the Bearer scheme (RFC 6750 §3, OAuth 2.1 §5.3), with the
 * resource_metadata parameter of RFC 9728 §5.1 so a client can always find its way (S-02).
 */
import { prmUrlFor } from '../../world/urls';
import type { World } from '../../world/world';

export interface ChallengeParams {
  error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope';
  errorDescription?: string;
  scope?: string;
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Where the MCP server publishes its protected resource metadata, and whether its challenges name
 * it (S-02, RFC 9728 §3.1 and §5.1): the path-inserted well-known URL, named in every challenge. The
 * one place both are decided, so the `mcp-prm-undiscoverable` fault (a document appended below the
 * endpoint, named nowhere: what many servers shipped) changes the two together.
 */
export function metadataLocation(world: World): { url: string; named: boolean } {
  const endpoint = world.urls.mcp;
  if (world.isVulnerable('mcp-prm-undiscoverable'))
    return { url: `${endpoint.replace(/\/$/, '')}/.well-known/oauth-protected-resource`, named: false };
  return { url: prmUrlFor(endpoint), named: true };
}

/** `metadata`: the URL the challenge names in resource_metadata, or null to name none. */
export function bearerChallenge(
  resource: string,
  params: ChallengeParams,
  metadata: string | null = prmUrlFor(resource),
): string {
  const parts: string[] = [];
  // RFC 6750 §3.1: no error code when the request carried no credentials at all.
  if (params.error) parts.push(`error=${quote(params.error)}`);
  if (params.errorDescription) parts.push(`error_description=${quote(params.errorDescription)}`);
  if (params.scope) parts.push(`scope=${quote(params.scope)}`);
  if (metadata !== null) parts.push(`resource_metadata=${quote(metadata)}`);
  // RFC 6750 §3: a challenge with no parameters at all is the bare scheme.
  return parts.length > 0 ? `Bearer ${parts.join(', ')}` : 'Bearer';
}

const STATUS: Record<NonNullable<ChallengeParams['error']>, number> = {
  invalid_request: 400,
  invalid_token: 401,
  insufficient_scope: 403,
};

/** S-07/S-11/S-12: 401 for missing or invalid tokens, 403 for scope, 400 for a malformed request. */
export function challengeResponse(
  resource: string,
  params: ChallengeParams,
  metadata: string | null = prmUrlFor(resource),
): Response {
  const status = params.error ? STATUS[params.error] : 401;
  const body = params.error
    ? { error: params.error, error_description: params.errorDescription ?? '' }
    : { message: 'This MCP server requires authorization. See the WWW-Authenticate header.' };
  return Response.json(body, {
    status,
    headers: { 'WWW-Authenticate': bearerChallenge(resource, params, metadata) },
  });
}
