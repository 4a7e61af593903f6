/**
 * Finds the JWTs a message carries (access tokens in a token response, a Bearer header, a token
 * misplaced in a URL) and says what each claim means. Decoding itself is the core's peekJwt.
 */
import { headerValue } from '../../sim/trace/types';
import type { TraceEvent } from '../../sim/trace/types';
import { splitUrl } from '../../run/trace/format';

const JWT = /^[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$/;

export interface FoundToken {
  where: string;
  token: string;
}

function fromJsonBody(body: string | null, where: string): FoundToken[] {
  if (!body) return [];
  try {
    const json: unknown = JSON.parse(body);
    if (!json || typeof json !== 'object') return [];
    return Object.entries(json)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && JWT.test(entry[1]))
      .map(([field, token]) => ({ where: `${field} in the ${where} body`, token }));
  } catch {
    return [];
  }
}

export function findTokens(event: TraceEvent): FoundToken[] {
  if (event.kind === 'response') return event.response ? fromJsonBody(event.response.body, 'response') : [];
  if (event.kind !== 'request') return [];
  const found: FoundToken[] = [];
  const auth = headerValue(event.request.headers, 'authorization');
  const bearer = auth && /^Bearer\s+(.+)$/i.exec(auth)?.[1];
  if (bearer && JWT.test(bearer)) found.push({ where: 'Authorization: Bearer header', token: bearer });
  for (const [name, value] of splitUrl(event.request.url).params) {
    if (JWT.test(value))
      found.push({ where: `${name} in the URL query (tokens never belong in a URL)`, token: value });
  }
  return found;
}

export const HEADER_TEXT: Record<string, string> = {
  alg: 'Signature algorithm. ES256 = ECDSA with P-256 and SHA-256.',
  typ: 'Token type. at+jwt marks an OAuth access token (RFC 9068), so it cannot be confused with an ID token.',
  kid: "Key ID: which of the authorization server's published keys (JWKS) signed it.",
};

export const CLAIM_TEXT: Record<string, string> = {
  iss: 'Issuer: the authorization server that minted the token. The MCP server accepts only the issuer it trusts.',
  sub: 'Subject: who the token acts for (the user; for client credentials, the client itself).',
  aud: 'Audience: the resource this token is for. The MCP server rejects any token whose aud is not its own canonical URI (RFC 8707).',
  client_id: 'The client the token was issued to.',
  scope: 'What the token allows, space-separated. The server checks it per operation.',
  iat: 'Issued at, in the simulated clock.',
  exp: 'Expires at. After this moment the MCP server must refuse the token.',
  nbf: 'Not valid before this moment.',
  jti: 'JWT ID: unique per token, so one token can be revoked or a replay noticed.',
};

export const TIME_CLAIMS = new Set(['iat', 'exp', 'nbf', 'auth_time']);
