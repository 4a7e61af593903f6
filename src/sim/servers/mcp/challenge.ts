/**
 * WWW-Authenticate challenges for the Bearer scheme (RFC 6750 §3, OAuth 2.1 §5.3), with the
 * resource_metadata parameter of RFC 9728 §5.1 so a client can always find its way (S-02).
 */
import { prmUrlFor } from '../../world/urls';

export interface ChallengeParams {
  error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope';
  errorDescription?: string;
  scope?: string;
  /**
   * Whether the challenge names the protected resource metadata (S-02, from 2025-06-18). A server
   * of 2025-03-26 has none to name.
   */
  resourceMetadata?: boolean;
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

export function bearerChallenge(resource: string, params: ChallengeParams): string {
  const parts: string[] = [];
  // RFC 6750 §3.1: no error code when the request carried no credentials at all.
  if (params.error) parts.push(`error=${quote(params.error)}`);
  if (params.errorDescription) parts.push(`error_description=${quote(params.errorDescription)}`);
  if (params.scope) parts.push(`scope=${quote(params.scope)}`);
  if (params.resourceMetadata ?? true) parts.push(`resource_metadata=${quote(prmUrlFor(resource))}`);
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
export function challengeResponse(resource: string, params: ChallengeParams): Response {
  const status = params.error ? STATUS[params.error] : 401;
  const body = params.error
    ? { error: params.error, error_description: params.errorDescription ?? '' }
    : { message: 'This MCP server requires authorization. See the WWW-Authenticate header.' };
  return Response.json(body, { status, headers: { 'WWW-Authenticate': bearerChallenge(resource, params) } });
}
