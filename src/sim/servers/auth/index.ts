/** The authorization server at `world.urls.issuer`: every handler, honest by default. */
import type { Rng } from '../../world/random';
import type { Urls } from '../../world/urls';
import type { World } from '../../world/world';
import { authorizeHandlers } from './authorize';
import { introspectionHandlers } from './introspection';
import { metadataHandlers } from './metadata';
import { registerHandlers } from './register';
import { jwksUrlFor } from '../clientHost';
import {
  CONFIDENTIAL_CLIENT_ID,
  MACHINE_JWT_CLIENT_ID,
  MCP_BACKEND_CLIENT_ID,
  PREREGISTERED_CLIENT_ID,
} from './state';
import type { RegisteredClient } from './state';
import { tokenHandlers } from './token';

/**
 * Clients an administrator registered before any flow: the MCP proxy's one static client (the
 * confused deputy's precondition), a public desktop client, a machine client, and the MCP server's
 * own client (for the downstream API and for introspection). Part of the world's initial state.
 */
export function preregisteredClients(urls: Urls, admin: Rng): RegisteredClient[] {
  return [
    {
      client_id: PROXY_CLIENT_ID,
      client_secret: admin.token(24),
      client_name: 'Files MCP Proxy',
      redirect_uris: [`${urls.proxy}/callback`],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
      application_type: 'web',
      rememberConsent: true,
      source: 'preregistered',
    },
    {
      client_id: PREREGISTERED_CLIENT_ID,
      client_name: 'MCP Simulator Desktop',
      redirect_uris: [urls.callback],
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'none',
      application_type: 'native',
      source: 'preregistered',
    },
    {
      client_id: CONFIDENTIAL_CLIENT_ID,
      client_secret: admin.token(24),
      client_name: 'Nightly Reporting Bot',
      redirect_uris: [],
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'client_secret_basic',
      application_type: 'web',
      scope: 'files:read',
      resources: [urls.mcp],
      source: 'preregistered',
    },
    {
      // EXT-CC's RECOMMENDED method: no shared secret, a key pair whose public half the client
      // publishes at the jwks_uri the administrator registered here.
      client_id: MACHINE_JWT_CLIENT_ID,
      client_name: 'Nightly Signing Job',
      redirect_uris: [],
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'private_key_jwt',
      jwks_uri: jwksUrlFor(urls),
      application_type: 'web',
      scope: 'files:read',
      resources: [urls.mcp],
      source: 'preregistered',
    },
    {
      client_id: MCP_BACKEND_CLIENT_ID,
      client_secret: admin.token(24),
      client_name: 'Example Files MCP Server (backend)',
      redirect_uris: [],
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'client_secret_basic',
      application_type: 'web',
      scope: 'reports:read',
      resources: [urls.downstream],
      source: 'preregistered',
    },
  ];
}

/** The MCP proxy's one static client at this server (the confused deputy's precondition). */
export const PROXY_CLIENT_ID = 'mcp-proxy';

/** Every handler of the authorization server. Its state, registered clients included, is the world's. */
export function authServerHandlers(world: World) {
  return [
    ...metadataHandlers(world),
    ...authorizeHandlers(world),
    ...tokenHandlers(world),
    ...introspectionHandlers(world),
    ...registerHandlers(world),
  ];
}
