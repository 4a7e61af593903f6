/**
 * Token requests: redeeming the code (with code_verifier and resource, C-22, C-26), refreshing, and
 * the client credentials grant. Only the recorded issuer's token endpoint is ever used.
 */
import { tokenTypeCheck } from '../checks/tokens';
import { assertionParams } from './assertion';
import { announceDpopKey, dpopKey, dpopProof, takeNonce } from './dpop';
import { readJsonBody } from './json';
import type { ClientContext, Tokens } from './session';
import { applies } from './revision';
import { ClientRefusal } from './types';
import type { ClientCredentials, TokenEndpointAuthMethod } from './types';
import { stringField } from '../fields';
import { basicAuthorization } from '../oauth/basic';

export type TokenOutcome =
  { kind: 'tokens'; tokens: Tokens } | { kind: 'error'; status: number; error: string; description: string };

const METHODS: readonly TokenEndpointAuthMethod[] = [
  'client_secret_basic',
  'client_secret_post',
  'private_key_jwt',
  'none',
];

function isMethod(value: unknown): value is TokenEndpointAuthMethod {
  return METHODS.some((m) => m === value);
}

/**
 * How the client authenticates at the token endpoint. A public client (no secret) just names
 * itself. With a secret: the method the registration settled on (RFC 7591 §3.2.1 returns it);
 * else the first of Basic, then the request body, that the server lists in
 * `token_endpoint_auth_methods_supported` (RFC 8414 §2); a server that lists neither but `none`
 * gets a public client. Nothing listed: Basic, RFC 8414's default for an absent list (OAuth 2.1
 * §2.4.1 makes only the body method mandatory for servers, so this default can fail; the
 * metadata is what settles it).
 */
export function chooseAuthMethod(
  credentials: ClientCredentials,
  supported: readonly string[] | undefined,
): TokenEndpointAuthMethod {
  // C-70: a client given a key authenticates with it (EXT-CC's RECOMMENDED method); whether the
  // server accepts it is checked, and recorded, before anything is signed (assertion.ts).
  if (credentials.private_key) return 'private_key_jwt';
  if (credentials.client_secret === undefined) return 'none';
  const registered = credentials.token_endpoint_auth_method;
  if (isMethod(registered) && registered !== 'private_key_jwt') return registered;
  if (!supported) return 'client_secret_basic';
  return (
    METHODS.find((m) => m !== 'private_key_jwt' && m !== 'none' && supported.includes(m)) ??
    (supported.includes('none') ? 'none' : 'client_secret_basic')
  );
}

export async function tokenRequest(
  ctx: ClientContext,
  step: 'token' | 'refresh' | 'client-credentials' | 'jwt-bearer',
  credentials: ClientCredentials,
  params: Record<string, string | undefined>,
): Promise<TokenOutcome> {
  const endpoint = ctx.session.metadata?.token_endpoint;
  if (!endpoint) throw new ClientRefusal('C-08', 'No token endpoint');
  const key = dpopKey(ctx);
  if (key) await announceDpopKey(ctx, key);
  const send = async (): Promise<Response> => {
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    };
    // C-77 (RFC 9449 §5): a proof with every token request, for a token bound to the key.
    if (key) headers.DPoP = dpopProof(ctx, key, 'POST', endpoint);
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value !== undefined) form.set(name, value);
    // OAuth 2.1 §2.4.1: one method per request, the one the registration or the metadata names.
    const method = chooseAuthMethod(credentials, ctx.session.metadata?.token_endpoint_auth_methods_supported);
    if (method === 'client_secret_basic')
      headers.Authorization = basicAuthorization(credentials.client_id, credentials.client_secret ?? '');
    else if (method === 'private_key_jwt' && credentials.private_key) {
      // EXT-CC §Examples: the client_id travels in the assertion's sub, not as a parameter.
      const signed = await assertionParams(ctx, credentials.client_id, credentials.private_key);
      for (const [name, value] of Object.entries(signed)) form.set(name, value);
    } else form.set('client_id', credentials.client_id);
    if (method === 'client_secret_post') form.set('client_secret', credentials.client_secret ?? '');
    return ctx.deps.fetch(endpoint, { method: 'POST', step, headers, body: form.toString() });
  };
  let response = await send();
  // C-78 (RFC 9449 §8): the authorization server wants its nonce in the proof; once more, with it.
  if (key && (await takeNonce(ctx, endpoint, response))) response = await send();
  const body = await readJsonBody(response);
  if (response.status !== 200 || typeof body.access_token !== 'string') {
    return {
      kind: 'error',
      status: response.status,
      error: stringField(body, 'error', 'invalid_response'),
      description: stringField(body, 'error_description'),
    };
  }
  // The same check an imported HAR runs on a recorded token response (src/sim/checks/tokens.ts).
  const bearer = tokenTypeCheck(body, key !== undefined);
  if (bearer.status === 'fail') {
    return { kind: 'error', status: response.status, error: 'invalid_response', description: bearer.detail };
  }
  const tokens: Tokens = {
    access_token: body.access_token,
    ...(typeof body.token_type === 'string' ? { token_type: body.token_type } : {}),
    // OAuth 2.1 §3.2.3: scope is returned when it differs from the request; otherwise it is what was asked.
    scope: typeof body.scope === 'string' ? body.scope : (params.scope ?? ''),
    ...(typeof body.refresh_token === 'string' ? { refresh_token: body.refresh_token } : {}),
    ...(typeof body.expires_in === 'number' ? { expires_in: body.expires_in } : {}),
  };
  return { kind: 'tokens', tokens };
}

export async function exchangeCode(
  ctx: ClientContext,
  credentials: ClientCredentials,
  code: string,
): Promise<TokenOutcome> {
  const pending = ctx.session.pending;
  if (!pending) throw new ClientRefusal('C-18', 'No pending authorization for this code');
  const outcome = await tokenRequest(ctx, 'token', credentials, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: pending.redirectUri,
    code_verifier: pending.verifier,
    resource: pending.resource,
  });
  ctx.session.pending = undefined; // the verifier is single-use, like the code
  if (outcome.kind === 'tokens') ctx.session.tokens = outcome.tokens;
  return outcome;
}

export async function refreshTokens(
  ctx: ClientContext,
  credentials: ClientCredentials,
): Promise<TokenOutcome> {
  const current = ctx.session.tokens;
  if (!current?.refresh_token)
    return {
      kind: 'error',
      status: 0,
      error: 'no_refresh_token',
      description: 'The client holds no refresh token',
    };
  const outcome = await tokenRequest(ctx, 'refresh', credentials, {
    grant_type: 'refresh_token',
    refresh_token: current.refresh_token,
    resource: ctx.config.checks.resource && applies(ctx, 'C-22') ? ctx.session.prm?.resource : undefined,
  });
  if (outcome.kind === 'tokens') {
    // A rotated refresh token replaces the old one, which is now dead (OAuth 2.1 §4.3.2).
    ctx.session.tokens = {
      ...outcome.tokens,
      refresh_token: outcome.tokens.refresh_token ?? current.refresh_token,
    };
  } else {
    ctx.session.tokens = undefined; // invalid_grant: discard, and authorize again from scratch
  }
  return outcome;
}

export async function clientCredentialsGrant(
  ctx: ClientContext,
  credentials: ClientCredentials,
): Promise<TokenOutcome> {
  const outcome = await tokenRequest(ctx, 'client-credentials', credentials, {
    grant_type: 'client_credentials',
    scope: ctx.session.challenge?.scope ?? ctx.session.prm?.scopes_supported?.[0],
    resource: applies(ctx, 'C-22') ? ctx.session.prm?.resource : undefined,
  });
  if (outcome.kind === 'tokens') ctx.session.tokens = outcome.tokens;
  return outcome;
}
