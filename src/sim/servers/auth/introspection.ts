/**
 * Token introspection (RFC 7662): a protected resource asks whether an access token is active. The
 * caller must authenticate (§2.1); an inactive, revoked, expired or foreign token is `{"active":
 * false}` and nothing else (§2.2), so the endpoint tells a caller nothing about tokens it cannot use.
 */
import { http } from 'msw';
import { verifySignature } from '../../crypto/jwt';
import type { World } from '../../world/world';
import { oauthError, readForm } from '../http';
import { authenticateClient } from './clientAuth';
import { endpoints } from './metadata';

export function introspectionHandlers(world: World) {
  return [
    http.post(endpoints(world.urls.issuer).introspection_endpoint, async ({ request }) => {
      const form = await readForm(request);
      if (!form.ok)
        return oauthError(world, { rule: 'A-21', error: 'invalid_request', description: form.description });
      const auth = await authenticateClient(world, request, form.value);
      if (!auth.ok) return auth.response;
      if (!auth.confidential)
        return oauthError(
          world,
          {
            rule: 'A-20',
            error: 'invalid_client',
            description: 'only resource servers with credentials may introspect',
          },
          401,
          { 'WWW-Authenticate': 'Basic realm="introspect"' },
        );
      const token = form.value.get('token') ?? '';
      const sig = await verifySignature(token, { keys: [world.as.key.publicJwk] });
      const claims = sig.ok ? sig.payload : null;
      const revoked = typeof claims?.jti === 'string' ? world.as.revokedJtis.get(claims.jti) : undefined;
      const active =
        claims !== null &&
        claims.iss === world.urls.issuer &&
        typeof claims.exp === 'number' &&
        claims.exp > world.clock.now() &&
        revoked === undefined;
      const body = active
        ? {
            active: true,
            token_type: 'Bearer',
            scope: claims.scope,
            client_id: claims.client_id,
            sub: claims.sub,
            aud: claims.aud,
            iss: claims.iss,
            exp: claims.exp,
            iat: claims.iat,
            jti: claims.jti,
          }
        : { active: false };
      return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
    }),
  ];
}
