/**
 * Client authentication at the token endpoint (OAuth 2.1 §2.4, §3.2.1; A-20): HTTP Basic or the
 * secret in the body for a confidential client, the bare client_id for a public one. One method per
 * request; a failure is invalid_client, 401 with a challenge when the Authorization header was used.
 */
import type { World } from '../../world/world';
import { decodeBasicAuthorization } from '../../oauth/basic';
import { oauthError } from '../http';
import { authenticateWithAssertion } from './clientAssertion';
import { resolveClient } from './clients';
import { checkSecretMethod, DEFAULT_SECRET_METHODS } from './secretMethods';
import type { SecretMethod } from './secretMethods';
import type { RegisteredClient } from './state';

export type Authenticated =
  { ok: true; client: RegisteredClient; confidential: boolean } | { ok: false; response: Response };

/**
 * `accepted`: the ways of sending a secret this endpoint takes. The token endpoint's are the
 * world's, as its metadata lists them; the introspection endpoint (RFC 7662 §2.1) takes both.
 */
export async function authenticateClient(
  world: World,
  request: Request,
  params: Map<string, string>,
  accepted: readonly SecretMethod[] = DEFAULT_SECRET_METHODS,
): Promise<Authenticated> {
  const refuse = (
    error: string,
    description: string,
    status = 400,
    headers: Record<string, string> = {},
  ) => ({
    ok: false as const,
    response: oauthError(world, { rule: 'A-20', error, description }, status, headers),
  });
  const header = request.headers.get('authorization');
  const bodySecret = params.get('client_secret');
  const assertion = params.has('client_assertion') || params.has('client_assertion_type');
  // OAuth 2.1 §2.4: a client MUST NOT use more than one authentication method in a request.
  if ([header !== null, bodySecret !== undefined, assertion].filter(Boolean).length > 1)
    return refuse('invalid_request', 'use one client authentication method, not two');
  // RFC 7523 §2.2 (EXT-CC): a signed assertion instead of a secret.
  if (assertion) return authenticateWithAssertion(world, params);
  // A-26 (OAuth 2.1 §2.4.1, §3.2.4): a way of sending the secret this server does not accept is
  // refused before the secret is even compared, whatever it is.
  const used: SecretMethod | null = /^Basic\b/i.test(header ?? '')
    ? 'client_secret_basic'
    : bodySecret !== undefined
      ? 'client_secret_post'
      : null;
  const method = used ? checkSecretMethod(accepted, used) : null;
  if (method && !method.ok)
    return { ok: false, response: oauthError(world, method.refusal, method.status, method.headers) };
  if (header) {
    const basic = decodeBasicAuthorization(header);
    const client = basic ? world.as.clients.get(basic.id) : undefined;
    if (
      !basic ||
      !client ||
      client.client_secret !== basic.secret ||
      (params.has('client_id') && params.get('client_id') !== basic.id)
    ) {
      return refuse('invalid_client', 'client authentication failed', 401, {
        'WWW-Authenticate': 'Basic realm="token"',
      });
    }
    return { ok: true, client, confidential: true };
  }
  const clientId = params.get('client_id');
  // OAuth 2.1 §4.1.3: a client that does not authenticate names itself with client_id.
  if (!clientId)
    return {
      ok: false,
      response: oauthError(world, {
        rule: 'A-21',
        error: 'invalid_request',
        description: 'client_id is missing',
      }),
    };
  let client = world.as.clients.get(clientId);
  if (!client) {
    const resolved = await resolveClient(world, clientId);
    client = resolved.ok ? resolved.client : undefined;
  }
  if (!client) return refuse('invalid_client', 'unknown client');
  // A client that registered a key must prove it holds it; its client_id alone proves nothing.
  if (client.token_endpoint_auth_method === 'private_key_jwt')
    return refuse('invalid_client', 'this client authenticates with a signed assertion (private_key_jwt)');
  if (client.client_secret !== undefined) {
    if (bodySecret !== client.client_secret) return refuse('invalid_client', 'client authentication failed');
    return { ok: true, client, confidential: true };
  }
  if (bodySecret !== undefined) return refuse('invalid_client', 'this client has no secret');
  return { ok: true, client, confidential: false };
}
