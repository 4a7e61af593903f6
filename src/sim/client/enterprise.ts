/**
 * Enterprise-managed authorization, client side (EXT-EMA; SEP-990): single sign-on with the
 * company's IdP over OpenID Connect (C-73), a token exchange of the ID token for an ID-JAG at the
 * IdP (C-74), and the JWT bearer grant of that ID-JAG at the MCP server's authorization server
 * (C-75). The user's browser is used once, for the sign-in; every access token after that comes
 * without her, and never through the MCP authorization server's authorization endpoint.
 */
import { peekJwt } from '../crypto/jwt';
import { challengeS256, createVerifier } from '../crypto/pkce';
import { callbackChecks } from '../checks/authorization';
import { ID_JAG_TOKEN_TYPE, ID_TOKEN_TYPE, JWT_BEARER_GRANT, TOKEN_EXCHANGE_GRANT } from '../oauth/urns';
import { check } from '../trace/check';
import { clientNow } from './assertion';
import { chooseScope } from './authorization';
import { recordChecklist } from './checklist';
import { isRecord, readJsonBody } from './json';
import type { ClientContext } from './session';
import { tokenRequest } from './tokens';
import type { TokenOutcome } from './tokens';
import { ClientRefusal } from './types';
import type { ClientCredentials, EnterpriseConfig } from './types';
import { stringField } from '../fields';

/** What the token exchange gave: an ID-JAG, or the IdP's refusal. */
export type GrantOutcome =
  | { kind: 'grant'; assertion: string }
  | { kind: 'error'; status: number; error: string; description: string };

function enterprise(ctx: ClientContext): EnterpriseConfig {
  const config = ctx.config.enterprise;
  if (!config) throw new ClientRefusal('C-73', 'No enterprise identity provider is configured');
  return config;
}

/** OIDC Discovery §4: the IdP's metadata, at its issuer + /.well-known/openid-configuration. */
async function idpMetadata(
  ctx: ClientContext,
): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const known = ctx.session.idp;
  if (known) return known;
  const { idpIssuer } = enterprise(ctx);
  const url = `${idpIssuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await ctx.deps.fetch(url, {
    step: 'idp-metadata',
    headers: { Accept: 'application/json' },
  });
  const doc = await readJsonBody(response);
  // OIDC Discovery §4.3: the issuer in the document is the one the URL was built from.
  if (response.status !== 200 || doc.issuer !== idpIssuer)
    throw new ClientRefusal(
      'C-73',
      `The identity provider's metadata is unusable (${response.status}, issuer ${String(doc.issuer)})`,
    );
  const meta = {
    authorization_endpoint: stringField(doc, 'authorization_endpoint'),
    token_endpoint: stringField(doc, 'token_endpoint'),
  };
  ctx.session.idp = meta;
  return meta;
}

/** C-73 (OIDC Core §3.1.3.7): the ID token is from the IdP, for this client, unexpired, with our nonce. */
async function validateIdToken(
  ctx: ClientContext,
  idToken: string,
  nonce: string | undefined,
): Promise<void> {
  const { idpIssuer, idpClientId } = enterprise(ctx);
  const claims = peekJwt(idToken)?.payload ?? {};
  const now = clientNow(ctx);
  const aud = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
  const failed = await recordChecklist(ctx, {
    stepId: 'validate-id-token',
    checks: [
      check(
        'C-73',
        'Issuer',
        claims.iss === idpIssuer,
        `iss is ${String(claims.iss)}; the IdP is ${idpIssuer}`,
      ),
      check(
        'C-73',
        'Audience',
        aud.includes(idpClientId),
        `aud is ${aud.join(', ') || '(none)'}; this client is ${idpClientId}`,
      ),
      check(
        'C-73',
        'Expiry',
        typeof claims.exp === 'number' && claims.exp > now,
        typeof claims.exp === 'number' ? `exp is ${claims.exp - now} s from now` : 'no exp',
      ),
      ...(nonce === undefined
        ? []
        : [
            check('C-73', 'Nonce', claims.nonce === nonce, `nonce is ${String(claims.nonce)}; sent ${nonce}`),
          ]),
    ],
    rule: 'C-73',
    ok: {
      title: `Signed in as ${stringField(claims, 'email', String(claims.sub))}`,
      summary:
        'The ID token came straight from the IdP over TLS (which OpenID Connect accepts in place of the signature check) and is for this client, now. The client keeps it, to ask the IdP for access to MCP servers later without the user.',
    },
    refused: {
      title: (f) => `ID token refused: ${f.label}`,
      summary: 'The client does not use this ID token.',
    },
  });
  if (failed) throw new ClientRefusal(failed.rule, `ID token refused: ${failed.detail}`);
  ctx.session.idToken = idToken;
}

/** Single sign-on: the browser goes to the IdP once; the ID token comes back to the client (EXT-EMA §3). */
export async function signIn(ctx: ClientContext): Promise<void> {
  const config = enterprise(ctx);
  // An ID token the organisation's configuration already holds (a conformance run gives one).
  if (config.idToken) {
    ctx.session.idToken = config.idToken;
    return;
  }
  const meta = await idpMetadata(ctx);
  const verifier = createVerifier(ctx.rng);
  const state = ctx.rng.token(16);
  const nonce = ctx.rng.token(16);
  const url = new URL(meta.authorization_endpoint);
  for (const [name, value] of Object.entries({
    response_type: 'code',
    client_id: config.idpClientId,
    redirect_uri: ctx.config.redirectUri,
    scope: 'openid email',
    state,
    nonce,
    code_challenge: await challengeS256(verifier),
    code_challenge_method: 'S256',
  }))
    url.searchParams.set(name, value);
  await ctx.deps.note({
    kind: 'internal',
    stepId: 'sso-prepare',
    title: 'Sign-in request ready: PKCE, state, nonce',
    outcome: 'ok',
    rule: 'C-73',
    detail: {
      summary: `The user signs in to this client with the company IdP (${config.idpIssuer}). The verifier stays here; the nonce must come back inside the ID token.`,
      values: { code_verifier: verifier, state, nonce },
    },
  });
  await ctx.deps.note({
    kind: 'handoff',
    stepId: 'open-browser',
    to: 'browser',
    title: 'Open the IdP sign-in page',
    outcome: 'ok',
    rule: 'C-51',
    detail: { summary: "The client sends the user's browser to the company IdP.", values: { url: url.href } },
  });
  const result = await ctx.deps.openBrowser(url.href);
  if (result.kind === 'no-callback')
    throw new ClientRefusal('C-73', `Single sign-on did not complete: ${result.reason}`);
  const params = result.url.searchParams;
  const failed = await recordChecklist(ctx, {
    stepId: 'validate-callback',
    checks: callbackChecks({ state, issuer: config.idpIssuer, issSupported: true }, params, {
      state: ctx.config.checks.state,
      iss: ctx.config.checks.iss,
    }),
    rule: 'C-19',
    ok: {
      title: 'state and iss match',
      summary: 'The sign-in response is genuine: the client redeems the code at the IdP.',
    },
    refused: {
      title: (f) => `Sign-in response discarded: ${f.label}`,
      summary: 'The client discards it; no code is redeemed.',
    },
  });
  if (failed) throw new ClientRefusal(failed.rule, `Sign-in response rejected by the ${failed.label} check`);
  const code = params.get('code');
  if (!code) throw new ClientRefusal('C-73', `Single sign-on failed: ${params.get('error') ?? 'no code'}`);
  const response = await ctx.deps.fetch(meta.token_endpoint, {
    method: 'POST',
    step: 'sso-token',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: ctx.config.redirectUri,
      code_verifier: verifier,
      client_id: config.idpClientId,
    }).toString(),
  });
  const body = await readJsonBody(response);
  if (response.status !== 200 || typeof body.id_token !== 'string')
    throw new ClientRefusal(
      'C-73',
      `The IdP gave no ID token: ${stringField(body, 'error', String(response.status))}`,
    );
  await validateIdToken(ctx, body.id_token, nonce);
}

/** C-74 (EXT-EMA §4; RFC 8693 §2.1): the ID token for an ID-JAG for this MCP server, at the IdP. */
export async function exchangeIdentity(ctx: ClientContext): Promise<GrantOutcome> {
  const config = enterprise(ctx);
  const { session } = ctx;
  if (!session.idToken) throw new ClientRefusal('C-73', 'The user has not signed in');
  if (!session.metadata || !session.prm) throw new ClientRefusal('C-08', 'Discovery has not completed');
  const endpoint = config.idpTokenEndpoint ?? (await idpMetadata(ctx)).token_endpoint;
  // C-15/C-16: the challenge's scope, with what was asked before (a step-up asks for the union).
  const scope = chooseScope(ctx);
  session.requestedScopes = scope ? scope.split(' ') : [];
  // C-17: each new grant counts as an authorization attempt for this operation.
  session.authorizations++;
  const response = await ctx.deps.fetch(endpoint, {
    method: 'POST',
    step: 'token-exchange',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: TOKEN_EXCHANGE_GRANT,
      requested_token_type: ID_JAG_TOKEN_TYPE,
      audience: session.metadata.issuer,
      resource: session.prm.resource,
      ...(scope ? { scope } : {}),
      subject_token: session.idToken,
      subject_token_type: ID_TOKEN_TYPE,
      client_id: config.idpClientId,
    }).toString(),
  });
  const body = await readJsonBody(response);
  if (
    response.status !== 200 ||
    typeof body.access_token !== 'string' ||
    body.issued_token_type !== ID_JAG_TOKEN_TYPE
  )
    return {
      kind: 'error',
      status: response.status,
      error: stringField(
        body,
        'error',
        response.status === 200 ? 'invalid_response' : String(response.status),
      ),
      description: stringField(
        body,
        'error_description',
        isRecord(body) && response.status === 200
          ? `issued_token_type is ${String(body.issued_token_type)}`
          : '',
      ),
    };
  return { kind: 'grant', assertion: body.access_token };
}

/** C-75 (EXT-EMA §5; RFC 7523 §2.1): the ID-JAG as an authorization grant at the MCP authorization server. */
export async function redeemGrant(
  ctx: ClientContext,
  credentials: ClientCredentials,
  assertion: string,
): Promise<TokenOutcome> {
  const outcome = await tokenRequest(ctx, 'jwt-bearer', credentials, {
    grant_type: JWT_BEARER_GRANT,
    assertion,
    // RFC 8707: the MCP server the token is for, which the ID-JAG names too.
    resource: ctx.session.prm?.resource,
  });
  if (outcome.kind === 'tokens') ctx.session.tokens = outcome.tokens;
  return outcome;
}
