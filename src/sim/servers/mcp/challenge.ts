/**
 * WWW-Authenticate challenges for the Bearer scheme (RFC 6750 §3, OAuth 2.1 §5.3), with the
 * resource_metadata parameter of RFC 9728 §5.1 so a client can always find its way (S-02).
 */
import { prmUrlFor } from '../../world/urls';

export interface ChallengeParams {
  error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope';
  errorDescription?: string;
  scope?: string;
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
  parts.push(`resource_metadata=${quote(prmUrlFor(resource))}`);
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
