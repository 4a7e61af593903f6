/**
 * The MCP server's own OAuth client for the downstream API: it gets a token issued to itself, for
 * the API's audience, with the client credentials grant (S-09 / Security Best Practices §Token Passthrough).
 */
import type { World } from '../../world/world';
import { endpoints } from '../auth/metadata';
import { secretCredentials } from '../auth/secretMethods';
import { MCP_BACKEND_CLIENT_ID } from '../auth/state';

export async function downstreamToken(world: World): Promise<string | null> {
  if (world.mcp.downstreamToken) return world.mcp.downstreamToken;
  const client = world.as.clients.get(MCP_BACKEND_CLIENT_ID);
  if (!client?.client_secret) return null;
  // the way of sending its secret that the authorization server accepts.
  const auth = secretCredentials(world.secretMethods, client.client_id, client.client_secret);
  const res = await world.network.fetchAs('mcp')(endpoints(world.urls.issuer).token_endpoint, {
    method: 'POST',
    step: 'client-credentials',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      ...auth.headers,
    },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'reports:read',
      resource: world.urls.downstream,
      ...auth.form,
    }).toString(),
  });
  const body: unknown = await res.json().catch(() => null);
  const token =
    typeof body === 'object' && body !== null && 'access_token' in body ? body.access_token : null;
  world.mcp.downstreamToken = typeof token === 'string' ? token : null;
  return world.mcp.downstreamToken;
}
