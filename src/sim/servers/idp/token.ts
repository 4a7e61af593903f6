/**
 * The IdP's token endpoint: the authorization code grant of single sign-on, which answers with an
 * ID token (OIDC Core §3.1.3; I-01), and RFC 8693 token exchange of that ID token for an Identity
 * Assertion JWT Authorization Grant (EXT-EMA §4): the subject token validated, and issued to the
 * client asking (I-02); the administrator's policy applied (I-03); the ID-JAG minted as §4.3 says
 * (I-04) and answered as §4.2 says (I-05). Errors are OAuth error responses (RFC 6749 §5.2).
 */
import { http } from 'msw';
import type { JWTPayload } from 'jose';
import { peekJwt, signJws, signJwt, verifySignature } from '../../crypto/jwt';
import { challengeS256, VERIFIER_PATTERN } from '../../crypto/pkce';
import { ID_JAG_TOKEN_TYPE, ID_JAG_TYP, ID_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from '../../oauth/urns';
import type { RuleId } from '../../rules';
import { check, firstFailure } from '../../trace/check';
import type { Check } from '../../trace/types';
import type { World } from '../../world/world';
import { oauthError, readForm } from '../http';
import { idpEndpoints } from './metadata';
import { ID_JAG_LIFETIME, ID_TOKEN_LIFETIME } from './state';
import type { IdpApp, IdpUser, PolicyRule } from './state';

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function fail(world: World, rule: RuleId, error: string, description: string): Response {
  return oauthError(world, { rule, error, description });
}

async function codeGrant(world: World, app: IdpApp, p: Map<string, string>): Promise<Response> {
  const code = world.idp.codes.get(p.get('code') ?? '');
  if (!code || code.used || code.client_id !== app.client_id || world.clock.now() >= code.expiresAt)
    return fail(world, 'I-01', 'invalid_grant', 'unknown, used or expired code');
  if (p.get('redirect_uri') !== undefined && p.get('redirect_uri') !== code.redirect_uri)
    return fail(world, 'I-01', 'invalid_grant', 'redirect_uri does not match the authorization request');
  const verifier = p.get('code_verifier') ?? '';
  if (!VERIFIER_PATTERN.test(verifier) || (await challengeS256(verifier)) !== code.code_challenge)
    return fail(world, 'I-01', 'invalid_grant', 'code_verifier does not match the challenge');
  code.used = true;
  const user = world.idp.users.get(code.sub);
  if (!user) return fail(world, 'I-01', 'invalid_grant', 'the user no longer exists');
  const now = world.clock.now();
  // OIDC Core §2: iss, sub, aud (the client), exp, iat, and the request's nonce.
  const idToken = signJwt(
    {
      iss: world.urls.idp,
      sub: user.sub,
      aud: app.client_id,
      iat: now,
      exp: now + ID_TOKEN_LIFETIME,
      auth_time: now,
      ...(code.nonce !== undefined ? { nonce: code.nonce } : {}),
      email: user.email,
      name: user.name,
    },
    world.idp.key,
    'JWT',
  );
  return Response.json(
    {
      id_token: idToken,
      access_token: world.rng('idp').token(24),
      token_type: 'Bearer',
      expires_in: ID_TOKEN_LIFETIME,
      scope: 'openid email profile',
    },
    { headers: NO_STORE },
  );
}

/** I-02: the subject token is this IdP's ID token, unexpired, issued to the client asking. */
async function subjectChecks(
  world: World,
  app: IdpApp,
  token: string,
): Promise<{ checks: Check[]; claims: JWTPayload }> {
  const sig = await verifySignature(token, { keys: [world.idp.key.publicJwk] });
  const claims = sig.ok ? sig.payload : {};
  const now = world.clock.now();
  const aud = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
  const checks = [
    check('I-02', 'ID token signature', sig.ok, sig.ok ? "signed with this IdP's key" : sig.reason),
  ];
  if (sig.ok)
    checks.push(
      check('I-02', 'ID token issuer', claims.iss === world.urls.idp, `iss is ${String(claims.iss)}`),
      check(
        'I-02',
        'ID token expiry',
        typeof claims.exp === 'number' && claims.exp > now,
        typeof claims.exp === 'number' ? `exp is ${claims.exp - now} s from now` : 'no exp',
      ),
      // EXT-EMA §4.1: "MUST validate that the audience of the Subject Token ... matches the Client
      // Identifier of the MCP client making this request".
      check(
        'I-02',
        'Issued to this client',
        aud.includes(app.client_id),
        `aud is ${aud.join(', ') || '(none)'}; the client asking is ${app.client_id}`,
      ),
    );
  return { checks, claims };
}

/** I-03: the first policy line for this app, one of the user's groups, this audience and resource. */
function policyFor(world: World, app: IdpApp, user: IdpUser | undefined, audience: string, resource: string) {
  return world.idp.policy.find(
    (r: PolicyRule) =>
      r.app === app.client_id &&
      (user?.groups.includes(r.group) ?? false) &&
      r.audience === audience &&
      r.resource === resource,
  );
}

async function tokenExchange(world: World, app: IdpApp, p: Map<string, string>): Promise<Response> {
  const subjectToken = p.get('subject_token');
  const audience = p.get('audience');
  const resource = p.get('resource');
  // EXT-EMA §4: the parameters the client MUST send (RFC 8693 §2.1).
  if (p.get('requested_token_type') !== ID_JAG_TOKEN_TYPE)
    return fail(world, 'I-04', 'invalid_request', `requested_token_type must be ${ID_JAG_TOKEN_TYPE}`);
  if (p.get('subject_token_type') !== ID_TOKEN_TYPE || !subjectToken)
    return fail(world, 'I-02', 'invalid_request', `subject_token must be an ID token (${ID_TOKEN_TYPE})`);
  if (!audience || !resource)
    return fail(world, 'I-04', 'invalid_request', 'audience and resource are required');
  if (p.has('actor_token'))
    return fail(world, 'I-04', 'invalid_request', 'actor_token is not used in this profile');

  const subject = await subjectChecks(world, app, subjectToken);
  const user = typeof subject.claims.sub === 'string' ? world.idp.users.get(subject.claims.sub) : undefined;
  const rule = policyFor(world, app, user, audience, resource);
  const atServer = app.clientIdAt[audience];
  const requested = (p.get('scope') ?? '').split(' ').filter(Boolean);
  const granted = rule
    ? requested.length > 0
      ? requested.filter((s) => rule.scopes.includes(s))
      : rule.scopes
    : [];
  const checks = [...subject.checks];
  if (!firstFailure(checks)) {
    checks.push(
      check(
        'I-03',
        'Company policy',
        rule !== undefined && atServer !== undefined,
        rule
          ? `"${rule.label}": group ${rule.group} may use ${app.client_name} with ${resource} through ${audience}`
          : `no policy lets ${user?.name ?? 'this user'} (${user?.groups.join(', ') || 'no groups'}) use ${app.client_name} with ${resource} through ${audience}`,
      ),
    );
    if (rule)
      checks.push(
        check(
          'I-03',
          'Scopes allowed',
          granted.length > 0,
          `asked for ${requested.join(' ') || '(none: the policy decides)'}; the policy allows ${rule.scopes.join(' ')}`,
        ),
      );
  }
  const failed = firstFailure(checks);
  await world.recorder.record({
    kind: 'internal',
    stepId: 'idp-policy',
    from: 'idp',
    to: 'idp',
    title: failed ? `No grant: ${failed.label.toLowerCase()}` : 'Policy allows: ID-JAG issued',
    outcome: failed ? 'refused' : 'ok',
    rule: failed?.rule ?? 'I-03',
    detail: {
      summary: failed
        ? `The IdP issues nothing: ${failed.detail}.`
        : `${user?.name ?? 'The user'} may use this client with ${resource}: the IdP signs an ID-JAG for ${granted.join(' ')}, valid ${ID_JAG_LIFETIME} s, naming ${atServer ?? ''} as the client at ${audience}.`,
      checks,
      values: { audience, resource, ...(user ? { user: user.email, groups: user.groups.join(' ') } : {}) },
    },
  });
  if (failed) {
    // RFC 8693 §2.2.2: invalid_target when the IdP will not issue for that audience or resource.
    const error =
      failed.rule === 'I-02'
        ? 'invalid_grant'
        : failed.label === 'Scopes allowed'
          ? 'invalid_scope'
          : 'invalid_target';
    return fail(world, failed.rule, error, failed.detail);
  }
  const scope = granted.join(' ');
  const idJag = mintIdJag(world, {
    sub: String(subject.claims.sub),
    audience,
    resource,
    clientId: atServer ?? '',
    scope,
    ...(user ? { email: user.email } : {}),
  });
  // I-05 (EXT-EMA §4.2): the token exchange response.
  return Response.json(
    {
      issued_token_type: ID_JAG_TOKEN_TYPE,
      access_token: idJag,
      token_type: 'N_A',
      ...(requested.length > 0 && scope !== requested.join(' ') ? { scope } : {}),
      expires_in: ID_JAG_LIFETIME,
    },
    { headers: NO_STORE },
  );
}

export function idpTokenHandlers(world: World) {
  return [
    http.post(idpEndpoints(world.urls.idp).token_endpoint, async ({ request }) => {
      const form = await readForm(request);
      if (!form.ok) return fail(world, 'I-01', 'invalid_request', form.description);
      const p = form.value;
      // A public native app: it names itself (OAuth 2.1 §2.4); I-06: no client authentication for
      // the exchange because none is required for its sign-in.
      const app = world.idp.apps.get(p.get('client_id') ?? '');
      if (!app) return fail(world, 'I-06', 'invalid_client', 'unknown client_id');
      const grant = p.get('grant_type');
      if (grant === 'authorization_code') return codeGrant(world, app, p);
      if (grant === TOKEN_EXCHANGE_GRANT) return tokenExchange(world, app, p);
      return fail(
        world,
        'I-01',
        'unsupported_grant_type',
        `grant_type ${grant ?? '(none)'} is not supported`,
      );
    }),
  ];
}

/** I-04 (EXT-EMA §4.3): an ID-JAG as this IdP signs one, typed, with every REQUIRED claim. */
export function mintIdJag(
  world: World,
  grant: { sub: string; audience: string; resource: string; clientId: string; scope: string; email?: string },
): string {
  const now = world.clock.now();
  return signJws(
    { typ: ID_JAG_TYP, kid: world.idp.key.kid },
    {
      iss: world.urls.idp,
      sub: grant.sub,
      aud: grant.audience,
      resource: grant.resource,
      client_id: grant.clientId,
      jti: world.rng('idp').token(12),
      iat: now,
      exp: now + ID_JAG_LIFETIME,
      scope: grant.scope,
      ...(grant.email !== undefined ? { email: grant.email } : {}),
    },
    world.idp.key,
  );
}

/** What an ID-JAG says, for display and evidence (never for a decision). */
export function idJagClaims(token: string): JWTPayload | null {
  return peekJwt(token)?.payload ?? null;
}
