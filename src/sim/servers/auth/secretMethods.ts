/**
 * Which ways of sending a client secret the token endpoint accepts. OAuth 2.1 draft-13
 * §2.4.1: the authorization server MUST support the secret in the request body (`client_id` and
 * `client_secret`: `client_secret_post`) and MAY support HTTP Basic (`client_secret_basic`). What it
 * accepts, it lists in `token_endpoint_auth_methods_supported` (RFC 8414 §2; an absent list means
 * `client_secret_basic`), and a method it does not accept is refused like any failed client
 * authentication: `invalid_client` (OAuth 2.1 §3.2.4), with 401 and a `WWW-Authenticate` challenge of
 * the scheme the client used when it used the `Authorization` header.
 */
import { basicAuthorization } from '../../oauth/basic';
import type { Refusal } from '../../trace/types';

export type SecretMethod = 'client_secret_basic' | 'client_secret_post';

/** Both, as most servers do: the body method the spec requires, and Basic, which it allows. */
export const DEFAULT_SECRET_METHODS: readonly SecretMethod[] = ['client_secret_basic', 'client_secret_post'];

/**
 * The choices a world can be built with. Basic alone is not among them: a server without the body
 * method breaks OAuth 2.1 §2.4.1's MUST, and an honest server here keeps the MUSTs.
 */
export const SECRET_METHOD_CHOICES = {
  both: DEFAULT_SECRET_METHODS,
  post: ['client_secret_post'],
} as const satisfies Record<string, readonly SecretMethod[]>;

export type SecretMethodChoice = keyof typeof SECRET_METHOD_CHOICES;

export function isSecretMethodChoice(value: string): value is SecretMethodChoice {
  return Object.prototype.hasOwnProperty.call(SECRET_METHOD_CHOICES, value);
}

export type SecretMethodCheck =
  | { ok: true; rule: 'A-26' }
  | { ok: false; refusal: Refusal; status: number; headers: Record<string, string> };

/** is the way this client sent its secret one the server accepts (and lists)? */
export function checkSecretMethod(
  accepted: readonly SecretMethod[],
  used: SecretMethod,
  realm = 'token',
): SecretMethodCheck {
  if (accepted.includes(used)) return { ok: true, rule: 'A-26' };
  const refusal: Refusal = {
    rule: 'A-26',
    error: 'invalid_client',
    description: `this server does not accept ${used}; token_endpoint_auth_methods_supported lists ${accepted.join(', ')}`,
  };
  // OAuth 2.1 §3.2.4: with the Authorization header, 401 and a challenge of that scheme (MUST);
  // with the body, 400 (the server MAY answer 401 instead).
  return used === 'client_secret_basic'
    ? { ok: false, refusal, status: 401, headers: { 'WWW-Authenticate': `Basic realm="${realm}"` } }
    : { ok: false, refusal, status: 400, headers: {} };
}

/**
 * How another server here (the MCP server's own client) sends its secret to this token endpoint:
 * Basic where it is accepted, else the body.
 */
export function secretCredentials(
  accepted: readonly SecretMethod[],
  clientId: string,
  secret: string,
): { headers: Record<string, string>; form: Record<string, string> } {
  if (!accepted.includes('client_secret_basic'))
    return { headers: {}, form: { client_id: clientId, client_secret: secret } };
  return { headers: { Authorization: basicAuthorization(clientId, secret) }, form: {} };
}
