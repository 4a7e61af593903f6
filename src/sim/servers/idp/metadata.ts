/**
 * The IdP's OpenID Connect discovery document (OIDC Discovery §3, at the issuer + the well-known
 * suffix, §4) and its JWKS. Its token endpoint does both the authorization code grant of single
 * sign-on and RFC 8693 token exchange (EXT-EMA §4).
 */
import { http, HttpResponse } from 'msw';
import { TOKEN_EXCHANGE_GRANT } from '../../oauth/urns';
import type { World } from '../../world/world';

export function idpEndpoints(issuer: string) {
  return {
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
  };
}

export function idpMetadataUrl(issuer: string): string {
  return `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
}

export function idpMetadata(issuer: string): Record<string, unknown> {
  return {
    issuer,
    ...idpEndpoints(issuer),
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', TOKEN_EXCHANGE_GRANT],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'email', 'profile'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES256'],
    token_endpoint_auth_methods_supported: ['none'],
    authorization_response_iss_parameter_supported: true,
  };
}

export function idpMetadataHandlers(world: World) {
  const { idp } = world.urls;
  return [
    http.get(idpMetadataUrl(idp), () =>
      HttpResponse.json(idpMetadata(idp), { headers: { 'Cache-Control': 'max-age=3600' } }),
    ),
    http.get(idpEndpoints(idp).jwks_uri, () =>
      HttpResponse.json(
        { keys: [world.idp.key.publicJwk] },
        { headers: { 'Cache-Control': 'max-age=3600' } },
      ),
    ),
  ];
}
