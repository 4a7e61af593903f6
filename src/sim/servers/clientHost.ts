/**
 * What the client itself serves: its loopback redirect listener (RFC 8252 §7.3), which receives the
 * authorization response from the browser, and its Client ID Metadata Document at the HTTPS URL
 * that is its client_id (CIMD §3).
 */
import { http } from 'msw';
import type { SigningKey } from '../crypto/jwt';
import { JWT_BEARER_GRANT } from '../oauth/urns';
import type { Urls } from '../world/urls';
import type { World } from '../world/world';
import { htmlPage } from './http';

export interface ClientHostState {
  /** Authorization responses the listener received, oldest first. The client reads them. */
  callbacks: URL[];
  /** The machine client's signing key; its host publishes the public part (jwksUrlFor). */
  signingKey: SigningKey;
}

/** Where the client publishes its public keys: beside its metadata document, on its own host. */
export function jwksUrlFor(urls: Pick<Urls, 'cimd'>): string {
  return new URL('/oauth/jwks.json', urls.cimd).href;
}

export const CLIENT_NAME = 'MCP Simulator Desktop';

export function clientMetadataDocument(world: World): Record<string, unknown> {
  return {
    client_id: world.urls.cimd,
    client_name: CLIENT_NAME,
    client_uri: new URL(world.urls.cimd).origin,
    redirect_uris: [world.urls.callback, `${new URL(world.urls.cimd).origin}/oauth/callback`],
    // The JWT bearer grant too: this app takes part in enterprise-managed authorization (EXT-EMA §5).
    grant_types: ['authorization_code', 'refresh_token', JWT_BEARER_GRANT],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  };
}

export function clientHostHandlers(world: World) {
  return [
    http.get(world.urls.cimd, () =>
      Response.json(clientMetadataDocument(world), { headers: { 'Cache-Control': 'max-age=300' } }),
    ),
    // RFC 7517 §5: the public half only, which is all the authorization server needs.
    http.get(jwksUrlFor(world.urls), () =>
      Response.json(
        { keys: [world.clientHost.signingKey.publicJwk] },
        { headers: { 'Cache-Control': 'max-age=3600' } },
      ),
    ),
    http.get(world.urls.callback, ({ request }) => {
      world.clientHost.callbacks.push(new URL(request.url));
      return htmlPage(
        'Authorization complete',
        '<h1>You can close this window</h1><p>Return to the application.</p>',
      );
    }),
  ];
}
