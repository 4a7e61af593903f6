/**
 * Asking the authorization server whether a token is still active (RFC 7662 §2). A JWT carries its
 * own expiry but not its revocation: a resource server learns that a token was revoked (a replayed
 * code, A-17) only by asking. It authenticates as its own confidential client (RFC 7662 §2.1).
 */
import { basicAuthorization } from '../../oauth/basic';
import { check } from '../../trace/check';
import type { Check } from '../../trace/types';
import type { World } from '../../world/world';
import { isRecord } from '../http';
import { endpoints } from '../auth/metadata';
import { MCP_BACKEND_CLIENT_ID } from '../auth/state';

export async function introspect(world: World, token: string): Promise<Check> {
  const client = world.as.clients.get(MCP_BACKEND_CLIENT_ID);
  let active = false;
  let detail = 'the authorization server could not be asked';
  try {
    const res = await world.network.fetchAs('mcp')(endpoints(world.urls.issuer).introspection_endpoint, {
      method: 'POST',
      step: 'introspect-token',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        Authorization: basicAuthorization(MCP_BACKEND_CLIENT_ID, client?.client_secret ?? ''),
      },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
    });
    const body: unknown = await res.json();
    active = res.ok && isRecord(body) && body.active === true;
    detail = active
      ? 'the authorization server says the token is active'
      : 'the authorization server says the token is not active: it was revoked';
  } catch {
    // An unanswered introspection is a refusal, never a pass (fail closed).
  }
  return check('S-05', 'Active (introspection)', active, detail);
}
