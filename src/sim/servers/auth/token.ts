/**
 * The token endpoint (OAuth 2.1 §3.2, §4.1.3, §4.2, §4.3): client authentication, then the grant.
 * Every error is the JSON of §3.2.4 with Cache-Control: no-store; invalid_client with the
 * Authorization header is 401 with a challenge, as §3.2.4 requires (the SDK gets this wrong, spec §6).
 */
import { http } from 'msw';
import { challengeS256, VERIFIER_PATTERN } from '../../crypto/pkce';
import type { World } from '../../world/world';
import { oauthError, readForm } from '../http';
import { resolveClient } from './clients';
import { endpoints, SUPPORTED_SCOPES } from './metadata';
import type { AuthCode, RegisteredClient } from './state';
import { issueTokens } from './tokens';

type Authenticated =
  { ok: true; client: RegisteredClient; confidential: boolean } | { ok: false; response: Response };

function decodeBasic(header: string): { id: string; secret: string } | null {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
  if (!match?.[1]) return null;
  let decoded: string;
  try {
    decoded = atob(match[1]);
  } catch {
    return null;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return null;
  }
}

async function authenticate(
  world: World,
  request: Request,
  params: Map<string, string>,
): Promise<Authenticated> {
  const header = request.headers.get('authorization');
  const bodySecret = params.get('client_secret');
  if (header && bodySecret !== undefined) {
    return {
      ok: false,
      response: oauthError(400, 'invalid_request', 'use one client authentication method, not two'),
    };
  }
  if (header) {
    const basic = decodeBasic(header);
    const client = basic ? world.as.clients.get(basic.id) : undefined;
    if (
      !basic ||
      !client ||
      client.client_secret !== basic.secret ||
      (params.has('client_id') && params.get('client_id') !== basic.id)
    ) {
      return {
        ok: false,
        response: oauthError(401, 'invalid_client', 'client authentication failed', {
          'WWW-Authenticate': 'Basic realm="token"',
        }),
      };
    }
    return { ok: true, client, confidential: true };
  }
  const clientId = params.get('client_id');
  if (!clientId) return { ok: false, response: oauthError(400, 'invalid_request', 'client_id is missing') };
  let client = world.as.clients.get(clientId);
  if (!client) {
    const resolved = await resolveClient(world, clientId);
    client = resolved.ok ? resolved.client : undefined;
  }
  if (!client) return { ok: false, response: oauthError(400, 'invalid_client', 'unknown client') };
  if (client.client_secret !== undefined) {
    if (bodySecret !== client.client_secret) {
      return { ok: false, response: oauthError(400, 'invalid_client', 'client authentication failed') };
    }
    return { ok: true, client, confidential: true };
  }
  if (bodySecret !== undefined)
    return { ok: false, response: oauthError(400, 'invalid_client', 'this client has no secret') };
  return { ok: true, client, confidential: false };
}

function scopesWithin(requested: string, granted: string): boolean {
  const have = new Set(granted.split(' '));
  return requested
    .split(' ')
    .filter(Boolean)
    .every((s) => have.has(s));
}

async function authorizationCodeGrant(
  world: World,
  client: RegisteredClient,
  p: Map<string, string>,
): Promise<Response> {
  const codeValue = p.get('code');
  if (!codeValue) return oauthError(400, 'invalid_request', 'code is missing');
  const code: AuthCode | undefined = world.as.codes.get(codeValue);
  if (!code) return oauthError(400, 'invalid_grant', 'unknown authorization code');
  if (code.redeemed && !world.isVulnerable('as-code-reusable')) {
    // OAuth 2.1 §4.1.3: a second redemption fails, and the tokens issued from the code are revoked.
    for (const jti of code.issuedJtis) world.as.revokedJtis.add(jti);
    if (code.family) world.as.revokedFamilies.add(code.family);
    world.network.annotate({ rule: 'A-16', mark: 'blocked' });
    return oauthError(
      400,
      'invalid_grant',
      'authorization code was already used; tokens issued from it are revoked',
    );
  }
  if (world.clock.now() >= code.expiresAt)
    return oauthError(400, 'invalid_grant', 'authorization code expired');
  if (code.request.client.client_id !== client.client_id) {
    return oauthError(400, 'invalid_grant', 'authorization code was issued to another client');
  }
  const redirectUri = p.get('redirect_uri');
  if (redirectUri !== undefined && redirectUri !== code.request.redirect_uri) {
    return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
  }
  const verifier = p.get('code_verifier');
  const challenge = code.request.code_challenge;
  if (challenge === undefined) {
    // OAuth 2.1 §4.1.3: a verifier for a code issued without a challenge is an error.
    // A server from before PKCE ignores the parameter it does not know.
    if (verifier !== undefined && !world.isVulnerable('as-no-pkce-support'))
      return oauthError(400, 'invalid_request', 'code_verifier sent but no code_challenge was');
  } else {
    // A plain challenge (only a server with as-pkce-plain-only takes one) is the verifier itself.
    const plain = code.request.code_challenge_method === 'plain';
    const computed =
      verifier !== undefined && VERIFIER_PATTERN.test(verifier)
        ? plain
          ? verifier
          : await challengeS256(verifier)
        : undefined;
    const ok = computed === challenge;
    await world.recorder.record({
      kind: 'internal',
      stepId: 'verify-pkce',
      from: 'as',
      to: 'as',
      title: ok ? 'PKCE verified' : 'PKCE check failed',
      outcome: ok ? 'ok' : 'refused',
      rule: 'A-16',
      detail: {
        summary: ok
          ? plain
            ? 'The code_verifier equals the plain code_challenge stored with the code: anyone who saw the authorization request could have sent it.'
            : 'BASE64URL(SHA-256(code_verifier)) equals the code_challenge stored with the code.'
          : verifier === undefined
            ? 'The code was issued for a code_challenge but the request carries no code_verifier.'
            : 'The code_verifier does not hash to the code_challenge stored with the code.',
        values: {
          code_verifier: verifier ?? '(none)',
          computed_challenge: computed ?? '(none)',
          stored_challenge: challenge,
        },
      },
    });
    if (!ok) {
      world.network.annotate({ rule: 'A-16', mark: 'blocked' });
      return oauthError(
        400,
        'invalid_grant',
        verifier === undefined ? 'code_verifier is required' : 'code_verifier does not match the challenge',
      );
    }
  }
  const resource = p.get('resource');
  if (resource !== undefined && resource !== code.request.resource) {
    return oauthError(400, 'invalid_target', 'resource does not match the authorization request');
  }
  code.redeemed = true;
  const tokens = issueTokens(world, {
    client,
    sub: code.sub,
    scope: code.request.scope,
    resource: code.request.resource,
    withRefresh: client.grant_types.includes('refresh_token'),
  });
  code.issuedJtis.push(tokens.jti);
  code.family = tokens.family;
  return tokens.response;
}

function refreshGrant(
  world: World,
  client: RegisteredClient,
  confidential: boolean,
  p: Map<string, string>,
): Response {
  const value = p.get('refresh_token');
  if (!value) return oauthError(400, 'invalid_request', 'refresh_token is missing');
  const stored = world.as.refreshTokens.get(value);
  if (!stored || stored.client_id !== client.client_id)
    return oauthError(400, 'invalid_grant', 'unknown refresh token');
  if (world.as.revokedFamilies.has(stored.family))
    return oauthError(400, 'invalid_grant', 'refresh token revoked');
  if (!stored.active) {
    // A-15 / OAuth 2.1 §4.3.1: a rotated token used again means one of two parties stole it;
    // the server cannot tell which, so it revokes the whole grant.
    world.as.revokedFamilies.add(stored.family);
    world.network.annotate({ rule: 'A-15', mark: 'blocked' });
    return oauthError(400, 'invalid_grant', 'refresh token reuse detected; the grant is revoked');
  }
  const scope = p.get('scope') ?? stored.scope;
  if (!scopesWithin(scope, stored.scope))
    return oauthError(400, 'invalid_scope', 'a refresh cannot widen the scope');
  const resource = p.get('resource');
  if (resource !== undefined && resource !== stored.resource) {
    return oauthError(400, 'invalid_target', 'resource does not match the grant');
  }
  const rotate = !confidential && !world.isVulnerable('as-no-refresh-rotation');
  if (rotate) stored.active = false;
  return issueTokens(world, {
    client,
    sub: stored.sub,
    scope,
    resource: stored.resource,
    withRefresh: rotate,
    family: stored.family,
    keepRefresh: rotate ? undefined : stored.token,
  }).response;
}

function clientCredentialsGrant(
  world: World,
  client: RegisteredClient,
  confidential: boolean,
  p: Map<string, string>,
): Response {
  if (!confidential || !client.grant_types.includes('client_credentials')) {
    return oauthError(
      400,
      'unauthorized_client',
      'only confidential clients registered for client_credentials may use it',
    );
  }
  const scope = p.get('scope') ?? client.scope ?? '';
  if (
    !scopesWithin(scope, client.scope ?? '') ||
    !scope.split(' ').every((s) => SUPPORTED_SCOPES.includes(s))
  ) {
    return oauthError(400, 'invalid_scope', 'scope exceeds what this client may be granted');
  }
  const resource = p.get('resource');
  if (!resource) return oauthError(400, 'invalid_target', 'resource is required');
  if (!(client.resources ?? []).includes(resource))
    return oauthError(400, 'invalid_target', 'this client may not get tokens for that resource');
  return issueTokens(world, { client, sub: client.client_id, scope, resource, withRefresh: false }).response;
}

export function tokenHandlers(world: World) {
  return [
    http.post(endpoints(world.urls.issuer).token_endpoint, async ({ request }) => {
      const form = await readForm(request);
      if (!form.ok) return oauthError(400, 'invalid_request', form.description);
      const p = form.value;
      const grantType = p.get('grant_type');
      if (!grantType) return oauthError(400, 'invalid_request', 'grant_type is missing');
      if (!['authorization_code', 'refresh_token', 'client_credentials'].includes(grantType)) {
        return oauthError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
      }
      const auth = await authenticate(world, request, p);
      if (!auth.ok) return auth.response;
      if (!auth.client.grant_types.includes(grantType)) {
        return oauthError(400, 'unauthorized_client', `this client may not use ${grantType}`);
      }
      if (grantType === 'authorization_code') return authorizationCodeGrant(world, auth.client, p);
      if (grantType === 'refresh_token') return refreshGrant(world, auth.client, auth.confidential, p);
      return clientCredentialsGrant(world, auth.client, auth.confidential, p);
    }),
  ];
}
