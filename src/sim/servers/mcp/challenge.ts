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
 * it: the path-inserted well-known URL (RFC 9728 §3.1), named in every challenge (S-02, §5.1). The
 * one place both are decided, so the revision and the `mcp-prm-undiscoverable` fault (a document
 * appended below the endpoint, named nowhere: what many servers shipped) change the two together.
 * S-01 and S-02 arrived in 2025-06-18: a server of 2025-03-26 publishes none (its clients find the
 * authorization server at its origin, A-40, C-60).
 */
export function metadataLocation(world: World): { url: string; named: boolean; published: boolean } {
  const endpoint = world.urls.mcp;
  if (!world.inRevision('S-01')) return { url: prmUrlFor(endpoint), named: false, published: false };
  if (world.isVulnerable('mcp-prm-undiscoverable'))
    return {
      url: `${endpoint.replace(/\/$/, '')}/.well-known/oauth-protected-resource`,
      named: false,
      published: true,
    };
  return { url: prmUrlFor(endpoint), named: world.inRevision('S-02'), published: true };
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
  // OAuth 2.1 §5.3 (RFC 6750 §3): the Bearer scheme "MUST be followed by one or more auth-param
  // values"; with nothing else to say, the realm (a MAY) is the one.
  if (parts.length === 0) parts.push(`realm=${quote(new URL(resource).host)}`);
  return `Bearer ${parts.join(', ')}`;
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
