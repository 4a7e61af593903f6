/** The authorization server at `world.urls.issuer`: every handler, honest by default. */
import type { World } from '../../world/world';
import { authorizeHandlers } from './authorize';
import { metadataHandlers } from './metadata';
import { registerHandlers } from './register';
import { CONFIDENTIAL_CLIENT_ID, PREREGISTERED_CLIENT_ID } from './state';
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
    source: 'preregistered',
  });
}

export function authServerHandlers(world: World) {
  seedPreregisteredClients(world);
  return [...metadataHandlers(world), ...authorizeHandlers(world), ...tokenHandlers(world), ...registerHandlers(world)];
}
