/**
 * The token endpoint (OAuth 2.1 §3.2, §4.1.3, §4.2, §4.3): client authentication, then the grant.
 * Every error is the JSON of §3.2.4 with Cache-Control: no-store, built from the refusal of the check
 * that failed, which names its rule; invalid_client with the Authorization header is 401 with a
 * challenge, as §3.2.4 requires.
 */
import { http } from 'msw';
import type { RuleId } from '../../rules';
import type { Refusal } from '../../trace/types';
import type { World } from '../../world/world';
import { oauthError, readForm } from '../http';
import { authenticateClient } from './clientAuth';
import { verifyCode } from './codeChecks';
import { endpoints, SUPPORTED_SCOPES } from './metadata';
import type { AuthCode, RegisteredClient } from './state';
import { tokenEndpointProof } from './dpop';
import { jwtBearerGrant } from './jwtBearer';
import { issueTokens } from './tokens';
import { JWT_BEARER_GRANT } from '../../oauth/urns';

const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials', JWT_BEARER_GRANT];

function scopesWithin(requested: string, granted: string): boolean {
  const have = new Set(granted.split(' '));
  return requested
    .split(' ')
    .filter(Boolean)
    .every((s) => have.has(s));
}

/** A-17 (OAuth 2.1 §4.1.3): everything issued from the code is revoked, and anything it still issues. */
function revokeIssuedFrom(world: World, code: AuthCode): void {
  code.revoked = true;
  for (const { jti, family } of code.issued) {
    world.as.revokedJtis.set(jti, 'A-17');
    if (family) world.as.revokedFamilies.set(family, 'A-17');
  }
}

async function authorizationCodeGrant(
  world: World,
  client: RegisteredClient,
  p: Map<string, string>,
  jkt: string | undefined,
): Promise<Response> {
  const codeValue = p.get('code');
  if (!codeValue)
    return oauthError(world, { rule: 'A-21', error: 'invalid_request', description: 'code is missing' });
  const code = world.as.codes.get(codeValue);
  if (!code)
    return oauthError(world, {
      rule: 'A-18',
      error: 'invalid_grant',
      description: 'unknown authorization code',
    });
  if (code.revoked) {
    return oauthError(world, {
      rule: 'A-17',
      error: 'invalid_grant',
      description: 'authorization code was replayed; the grant it made is revoked',
    });
  }
  // the code is taken before this request awaits anything, so of any number of parallel
  // requests exactly one redeems it and every other one is a replay.
  const replay = code.redeemed && !world.isVulnerable('as-code-reusable');
  const claimed = !code.redeemed;
  code.redeemed = true;
  const invalid = await verifyCode(world, client, code, p);
  if (replay) {
    // OAuth 2.1 §7.5.3: revoke only when the replay is otherwise valid; an invalid one may come from
    // anyone who saw the code, and revoking then would let them cut the victim off.
    if (invalid) {
      return oauthError(world, {
        rule: 'A-17',
        error: 'invalid_grant',
        description: `authorization code was already used; nothing is revoked, because this request is not otherwise valid (${invalid.description})`,
      });
    }
    revokeIssuedFrom(world, code);
    return oauthError(world, {
      rule: 'A-17',
      error: 'invalid_grant',
      description: 'authorization code was already used; the tokens issued from it are revoked',
    });
  }
  if (invalid) {
    // A failed attempt does not use the code up (§7.5.3): the client that holds the verifier still can.
    if (claimed) code.redeemed = code.issued.length > 0;
    return oauthError(world, invalid);
  }
  const tokens = issueTokens(world, {
    client,
    sub: code.sub,
    scope: code.request.scope,
    resource: code.request.resource,
    withRefresh: client.grant_types.includes('refresh_token'),
    jkt,
  });
  code.issued.push({ jti: tokens.jti, family: tokens.family });
  // A valid replay arrived while these were being issued: they are revoked with the rest.
  if (code.revoked) revokeIssuedFrom(world, code);
  return tokens.response;
}

function refreshGrant(
  world: World,
  client: RegisteredClient,
  confidential: boolean,
  p: Map<string, string>,
  jkt: string | undefined,
): Response {
  const fail = (rule: RuleId, error: string, description: string) =>
    oauthError(world, { rule, error, description });
  const value = p.get('refresh_token');
  if (!value) return fail('A-21', 'invalid_request', 'refresh_token is missing');
  const stored = world.as.refreshTokens.get(value);
  // a refresh token is bound to the client it was issued to.
  if (!stored || stored.client_id !== client.client_id)
    return fail('A-23', 'invalid_grant', 'unknown refresh token');
  const revokedBy = world.as.revokedFamilies.get(stored.family);
  if (revokedBy)
    return fail(
      revokedBy,
      'invalid_grant',
      revokedBy === 'A-15'
        ? 'refresh token revoked after reuse'
        : 'refresh token revoked after a code replay',
    );
  // RFC 9449 §5: a refresh token bound to a DPoP key is usable only with a proof of that key.
  if (stored.jkt !== undefined && stored.jkt !== jkt)
    return fail('A-57', 'invalid_grant', 'this refresh token is bound to another DPoP key');
  if (!stored.active) {
    // A-15 / OAuth 2.1 §4.3.1: a rotated token used again means one of two parties stole it;
    // the server cannot tell which, so it revokes the whole grant.
    world.as.revokedFamilies.set(stored.family, 'A-15');
    return fail('A-15', 'invalid_grant', 'refresh token reuse detected; the grant is revoked');
  }
  const scope = p.get('scope') ?? stored.scope;
  if (!scopesWithin(scope, stored.scope))
    return fail('A-23', 'invalid_scope', 'a refresh cannot widen the scope');
  const resource = world.inRevision('A-22') ? p.get('resource') : undefined;
  if (resource !== undefined && resource !== stored.resource)
    return fail('A-22', 'invalid_target', 'resource does not match the grant');
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
    jkt,
  }).response;
}

function clientCredentialsGrant(
  world: World,
  client: RegisteredClient,
  confidential: boolean,
  p: Map<string, string>,
  jkt: string | undefined,
): Response {
  const fail = (refusal: Refusal) => oauthError(world, refusal);
  if (!confidential)
    return fail({
      rule: 'A-24',
      error: 'unauthorized_client',
      description: 'only confidential clients may use client_credentials',
    });
  const scope = p.get('scope') ?? client.scope ?? '';
  if (
    !scopesWithin(scope, client.scope ?? '') ||
    !scope.split(' ').every((s) => SUPPORTED_SCOPES.includes(s))
  ) {
    return fail({
      rule: 'A-24',
      error: 'invalid_scope',
      description: 'scope exceeds what this client may be granted',
    });
  }
  // A-22 (from 2025-06-18): the token is for a resource this client may use. A server of
  // 2025-03-26 knows no resource indicators and issues a token without an audience.
  const resource = world.inRevision('A-22') ? p.get('resource') : undefined;
  if (!resource && world.inRevision('A-22'))
    return fail({ rule: 'A-22', error: 'invalid_target', description: 'resource is required' });
  if (resource !== undefined && !(client.resources ?? []).includes(resource))
    return fail({
      rule: 'A-22',
      error: 'invalid_target',
      description: 'this client may not get tokens for that resource',
    });
  return issueTokens(world, { client, sub: client.client_id, scope, resource, withRefresh: false, jkt })
    .response;
}

export function tokenHandlers(world: World) {
  return [
    http.post(endpoints(world.urls.issuer).token_endpoint, async ({ request }) => {
      const form = await readForm(request);
      if (!form.ok)
        return oauthError(world, { rule: 'A-21', error: 'invalid_request', description: form.description });
      const p = form.value;
      const grantType = p.get('grant_type');
      if (!grantType)
        return oauthError(world, {
          rule: 'A-21',
          error: 'invalid_request',
          description: 'grant_type is missing',
        });
      if (!GRANT_TYPES.includes(grantType)) {
        return oauthError(world, {
          rule: 'A-21',
          error: 'unsupported_grant_type',
          description: `grant_type ${grantType} is not supported`,
        });
      }
      // A-57 (RFC 9449 §5): a DPoP proof, when there is one, is checked before anything is issued.
      const proof = await tokenEndpointProof(world, request);
      if (!proof.ok) return proof.response;
      const auth = await authenticateClient(world, request, p, world.secretMethods);
      if (!auth.ok) return auth.response;
      if (!auth.client.grant_types.includes(grantType)) {
        return oauthError(world, {
          rule: 'A-21',
          error: 'unauthorized_client',
          description: `this client may not use ${grantType}`,
        });
      }
      const { jkt } = proof;
      if (grantType === 'authorization_code') return authorizationCodeGrant(world, auth.client, p, jkt);
      if (grantType === 'refresh_token') return refreshGrant(world, auth.client, auth.confidential, p, jkt);
      if (grantType === JWT_BEARER_GRANT) return jwtBearerGrant(world, auth.client, p, jkt);
      return clientCredentialsGrant(world, auth.client, auth.confidential, p, jkt);
    }),
  ];
}
