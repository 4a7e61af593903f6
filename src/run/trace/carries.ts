/**
 * What a response carries, in a few words, read from the response itself (its body, its
 * WWW-Authenticate and Location headers), never from a table of steps: "access + refresh token",
 * "resource metadata", "challenge: resource_metadata". So a label says what happened on the wire,
 * for a recording as for a run, and an attacker's look-alike reads the same as the real thing.
 * Issue 16: seven responses of a first connection read "200 OK" and nothing else.
 */
import { isRecord } from '../../sim/client/json';
import { ID_JAG_TOKEN_TYPE } from '../../sim/oauth/urns';
import { headerValue } from '../../sim/trace/types';
import type { TraceEvent } from '../../sim/trace/types';

type Json = Record<string, unknown>;

function jsonObject(body: string | null): Json | null {
  if (!body) return null;
  try {
    const value: unknown = JSON.parse(body);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

const has = (body: Json, ...keys: string[]) => keys.every((key) => key in body);

/** A JSON body by its members: token response (RFC 6749 §5.1), metadata (RFC 9728, RFC 8414), JWKS… */
function jsonCarries(body: Json, status: number): string | null {
  if (typeof body.access_token === 'string') {
    // RFC 8693 §2.2.1: a token exchange names what it issued; an ID-JAG travels in access_token.
    if (body.issued_token_type === ID_JAG_TOKEN_TYPE) return 'ID-JAG';
    // RFC 9449 §5: token_type DPoP says the access token is bound to the client's key.
    const kinds = [body.token_type === 'DPoP' ? 'DPoP-bound access' : 'access'];
    if ('refresh_token' in body) kinds.push('refresh');
    // OpenID Connect Core §3.1.3.3: single sign-on's answer carries the ID token.
    if (typeof body.id_token === 'string') kinds.push('ID');
    return `${kinds.join(' + ')} token`;
  }
  if (has(body, 'resource', 'authorization_servers')) return 'resource metadata';
  if (has(body, 'issuer', 'authorization_endpoint') || has(body, 'issuer', 'token_endpoint'))
    return 'authorization server metadata';
  if (Array.isArray(body.keys)) return 'signing keys (JWKS)';
  // Token introspection (RFC 7662 §2.2): the answer is whether the token is active.
  if (typeof body.active === 'boolean') return body.active ? 'token active' : 'token not active';
  // Dynamic client registration answers 201 (RFC 7591 §3.2.1); a metadata document is fetched (200).
  if (typeof body.client_id === 'string') return status === 201 ? 'client registered' : 'client metadata';
  if (body.jsonrpc === '2.0') {
    if ('error' in body) return 'JSON-RPC error';
    const result = body.result;
    if (!isRecord(result)) return 'JSON-RPC result';
    if ('tools' in result) return 'list of tools';
    if ('content' in result) return result.isError === true ? 'tool error' : 'tool result';
    return 'JSON-RPC result';
  }
  return null;
}

/** A Bearer challenge without an error (RFC 6750 §3, RFC 9728 §5.1): what it points to. */
function challengeCarries(challenge: string): string | null {
  if (!/^\s*Bearer\b/i.test(challenge) || /\berror="/.test(challenge)) return null;
  return /\bresource_metadata="/.test(challenge) ? 'challenge: resource_metadata' : 'challenge';
}

/** A redirect: the authorization response's parameters (RFC 6749 §4.1.2), or where it leads. */
function redirectCarries(location: string): string | null {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return null;
  }
  const error = url.searchParams.get('error');
  if (error) return `error: ${error}`;
  const names = ['code', 'state', 'iss'].filter((name) => url.searchParams.has(name));
  if (names.includes('code')) return names.join(', ');
  return `to ${url.pathname}`;
}

function htmlTitle(body: string | null): string | null {
  const title = body ? /<title>([^<]*)<\/title>/i.exec(body)?.[1]?.trim() : undefined;
  return title ? `page: ${title}` : null;
}

export function responseCarries(event: TraceEvent): string | null {
  if (event.kind !== 'response' || !event.response) return null;
  const { status, headers, body } = event.response;
  const challenge = headerValue(headers, 'www-authenticate');
  if (challenge && (status === 401 || status === 403)) return challengeCarries(challenge);
  if (status >= 300 && status < 400) {
    const location = headerValue(headers, 'location');
    return location ? redirectCarries(location) : null;
  }
  if (status >= 400) return null;
  const json = jsonObject(body);
  if (json) return jsonCarries(json, status);
  return /html/i.test(headerValue(headers, 'content-type') ?? '') ? htmlTitle(body) : null;
}
