/** The authorization server at `world.urls.issuer`: every handler, honest by default. */
import type { World } from '../../world/world';
import { authorizeHandlers } from './authorize';
import { introspectionHandlers } from './introspection';
import { metadataHandlers } from './metadata';
import { registerHandlers } from './register';
import { CONFIDENTIAL_CLIENT_ID, MCP_BACKEND_CLIENT_ID, PREREGISTERED_CLIENT_ID } from './state';
import { tokenHandlers } from './token';

/** Clients an administrator registered before any flow: one public desktop client, one machine client. */
export function seedPreregisteredClients(world: World): void {
  world.as.clients.set(PREREGISTERED_CLIENT_ID, {
    client_id: PREREGISTERED_CLIENT_ID,
    client_name: 'MCP Simulator Desktop',
    redirect_uris: [world.urls.callback],
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'none',
    application_type: 'native',
    source: 'preregistered',
  });
  world.as.clients.set(CONFIDENTIAL_CLIENT_ID, {
    client_id: CONFIDENTIAL_CLIENT_ID,
    client_secret: world.rng('as-admin').token(24),
    client_name: 'Nightly Reporting Bot',
    redirect_uris: [],
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'client_secret_basic',
    application_type: 'web',
    scope: 'files:read',
    resources: [world.urls.mcp],
    source: 'preregistered',
  });
  world.as.clients.set(MCP_BACKEND_CLIENT_ID, {
    client_id: MCP_BACKEND_CLIENT_ID,
    client_secret: world.rng('as-admin').token(24),
    client_name: 'Example Files MCP Server (backend)',
    redirect_uris: [],
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'client_secret_basic',
    application_type: 'web',
    scope: 'reports:read',
    resources: [world.urls.downstream],
    source: 'preregistered',
  });
}

/** The MCP proxy's one static client at this server (the confused deputy's precondition). */
export const PROXY_CLIENT_ID = 'mcp-proxy';

export function authServerHandlers(world: World) {
  world.as.clients.set(PROXY_CLIENT_ID, {
    client_id: PROXY_CLIENT_ID,
    client_secret: world.rng('as-admin').token(24),
    client_name: 'Files MCP Proxy',
    redirect_uris: [`${world.urls.proxy}/callback`],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
    application_type: 'web',
    rememberConsent: true,
    source: 'preregistered',
  });
  seedPreregisteredClients(world);
  return [
    ...metadataHandlers(world),
    ...authorizeHandlers(world),
    ...tokenHandlers(world),
    ...introspectionHandlers(world),
    ...registerHandlers(world),
  ];
}
