/**
 * The authorization server's discovery documents: RFC 8414 metadata (with the MCP additions of
 * docs/reference §2.2), the same document at the OpenID Connect discovery URL, and the JWKS.
 */
import { http, HttpResponse } from 'msw';
import { JWT_BEARER_GRANT } from '../../oauth/urns';
import { asMetadataUrls } from '../../world/urls';
import type { World } from '../../world/world';
import { LATEST_REVISION } from '../../revisions/ids';
import type { Revision } from '../../revisions/ids';
import { ruleIn } from '../../revisions/rules';
import { DEFAULT_SECRET_METHODS } from './secretMethods';
import type { SecretMethod } from './secretMethods';

export const SUPPORTED_SCOPES = [
  'files:read',
  'files:write',
  'files',
  'admin:*',
  'reports:read',
  'offline_access',
];

export function endpoints(issuer: string) {
  return {
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    registration_endpoint: `${issuer}/register`,
    jwks_uri: `${issuer}/jwks`,
    // RFC 7662: resource servers that must see revocation at once ask here.
    introspection_endpoint: `${issuer}/introspect`,
  };
}

export function authServerMetadata(
  issuer: string,
  options: {
    pkce?: 'S256' | 'plain' | 'none';
    revision?: Revision;
    secretMethods?: readonly SecretMethod[];
  } = {},
): Record<string, unknown> {
  const full = document(
    issuer,
    options.revision ?? LATEST_REVISION,
    options.secretMethods ?? DEFAULT_SECRET_METHODS,
  );
  const { code_challenge_methods_supported: _methods, ...withoutPkce } = full;
  // The downgrades of docs/reference §5.1: a server from before PKCE simply has no such field (a); a weak one
  // lists only plain (b).
  if (options.pkce === 'none') return withoutPkce;
  if (options.pkce === 'plain') return { ...withoutPkce, code_challenge_methods_supported: ['plain'] };
  return full;
}

/** The PKCE this server supports: S256, unless a named vulnerability says otherwise. */
export function pkceSupport(world: World): 'S256' | 'plain' | 'none' {
  if (world.isVulnerable('as-no-pkce-support')) return 'none';
  return world.isVulnerable('as-pkce-plain-only') ? 'plain' : 'S256';
}

function document(
  issuer: string,
  revision: Revision,
  secretMethods: readonly SecretMethod[],
): Record<string, unknown> {
  return {
    issuer,
    ...endpoints(issuer),
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    // EXT-EMA §5: the JWT bearer grant, for ID-JAGs from the IdPs this server trusts.
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials', JWT_BEARER_GRANT],
    // C-26/C-28: clients refuse to proceed without this field, and require S256 in it.
    code_challenge_methods_supported: ['S256'],
    // A-50 (EXT-CC §Server Metadata Requirements): a signed assertion or a secret, and the
    // algorithms an assertion may be signed with. A-26: the ways of sending a secret it accepts, as
    // it enforces them (private_key_jwt keeps A-50 whichever they are).
    token_endpoint_auth_methods_supported: ['none', ...secretMethods, 'private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['ES256'],
    // RFC 9449 §5.1: this server binds tokens to DPoP keys (DPoP is on the MCP roadmap).
    dpop_signing_alg_values_supported: ['ES256'],
    scopes_supported: SUPPORTED_SCOPES,
    // A-04 (CIMD §5, from 2025-11-25): an AS that accepts URL client_ids says so.
    ...(ruleIn(revision, 'A-04') ? { client_id_metadata_document_supported: true } : {}),
    // A-09 (RFC 9207 §2.3, from 2026-07-28): an AS that sends iss must advertise it.
    ...(ruleIn(revision, 'A-09') ? { authorization_response_iss_parameter_supported: true } : {}),
  };
}

export function metadataHandlers(world: World) {
  const { issuer } = world.urls;
  const [oauth = '', ...oidcUrls] = asMetadataUrls(issuer);
  const metadata = () =>
    authServerMetadata(issuer, {
      pkce: pkceSupport(world),
      revision: world.revision,
      secretMethods: world.secretMethods,
    });
  const oidc = () => ({
    ...metadata(),
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES256'],
  });
  // A-02 (RFC 8414 §3.1): the metadata is at the issuer's well-known URL with its path inserted. The
  // named fault appends the suffix to the issuer instead, as many servers with a path in their issuer
  // did: no URL a client builds by the spec finds it (the same URL when the issuer has no path).
  // A-40 (2025-03-26): the metadata is a SHOULD; without it, clients use the default endpoints.
  // OpenID Connect discovery joins in 2025-11-25: before, RFC 8414 alone.
  const documents = !world.asMetadata
    ? []
    : world.isVulnerable('as-metadata-misplaced')
      ? [
          http.get(`${issuer.replace(/\/$/, '')}/.well-known/oauth-authorization-server`, () =>
            HttpResponse.json(metadata()),
          ),
        ]
      : [
          http.get(oauth, () => HttpResponse.json(metadata())),
          ...(world.inRevision('A-03')
            ? oidcUrls.map((url) => http.get(url, () => HttpResponse.json(oidc())))
            : []),
        ];
  return [
    ...documents,
    http.get(endpoints(issuer).jwks_uri, () =>
      HttpResponse.json({ keys: [world.as.key.publicJwk] }, { headers: { 'Cache-Control': 'max-age=3600' } }),
    ),
  ];
}
