/**
 * Minting tokens. Access tokens are RFC 9068 JWTs signed ES256, with aud = the resource the client
 * named (RFC 8707 §2), so a resource server can check the token was meant for it (S-06).
 */
import { signJwt } from '../../crypto/jwt';
import type { World } from '../../world/world';
import type { RegisteredClient } from './state';

export interface IssueRequest {
  client: RegisteredClient;
  sub: string;
  scope: string;
  resource: string | undefined;
  withRefresh: boolean;
  /** The refresh token family (one per original grant), for reuse detection. */
  family?: string;
  /** When rotation is off, the refresh token handed back again unchanged. */
  keepRefresh?: string | undefined;
  /** RFC 9449 §6.1: bind the token to this DPoP key thumbprint. */
  jkt?: string | undefined;
}

const LONG_LIVED = 30 * 24 * 3600;

export function issueTokens(
  world: World,
  req: IssueRequest,
): { response: Response; accessToken: string; jti: string; family: string | undefined } {
  const rng = world.rng('as');
  const now = world.clock.now();
  const lifetime = world.isVulnerable('as-long-lived-tokens') ? LONG_LIVED : world.lifetimes.accessToken;
  const jti = rng.token(12);
  // Without a resource, the vulnerable "default audience" server makes a token every resource accepts.
  // A-22 (RFC 8707 §2): the token is audience-restricted to the resource asked for, unless the named
  // fault leaves aud out altogether (a token no resource server that checks aud will accept).
  const aud = world.isVulnerable('as-token-no-audience')
    ? undefined
    : (req.resource ??
      (world.isVulnerable('as-default-audience')
        ? [world.urls.mcp, world.urls.evilMcp, world.urls.downstream]
        : undefined));
  const accessToken = signJwt(
    {
      iss: world.urls.issuer,
      sub: req.sub,
      ...(aud !== undefined ? { aud } : {}),
      client_id: req.client.client_id,
      scope: req.scope,
      iat: now,
      exp: now + lifetime,
      jti,
      ...(req.jkt !== undefined ? { cnf: { jkt: req.jkt } } : {}),
    },
    world.as.key,
  );
  world.as.issued++;
  let family = req.family;
  let refreshToken = req.keepRefresh;
  if (req.withRefresh) {
    family ??= rng.token(8);
    refreshToken = rng.token(32);
    world.as.refreshTokens.set(refreshToken, {
      token: refreshToken,
      family,
      client_id: req.client.client_id,
      sub: req.sub,
      scope: req.scope,
      resource: req.resource,
      active: true,
      // RFC 9449 §5: a public client's refresh token is bound to its DPoP key as well.
      ...(req.jkt !== undefined && req.client.client_secret === undefined ? { jkt: req.jkt } : {}),
    });
  }
  const body = {
    access_token: accessToken,
    // RFC 9449 §5: DPoP for a bound token, so the client knows to use the DPoP scheme.
    token_type: req.jkt !== undefined ? 'DPoP' : 'Bearer',
    expires_in: lifetime,
    scope: req.scope,
    ...(refreshToken !== undefined ? { refresh_token: refreshToken } : {}),
  };
  // OAuth 2.1 §3.2.3: token responses must not be cached.
  const response = Response.json(body, { headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } });
  return { response, accessToken, jti, family };
}
