/**
 * The authorization endpoint (OAuth 2.1 §4.1.1-§4.1.2.1) and the consent form it serves.
 * Order matters: until the client and its redirect URI are verified, every error is an error page
 * and never a redirect; after that, errors go back to the client with state and iss, if the
 * server trusts the redirect URI. Each failed check is a refusal that names its rule.
 */
import { http } from 'msw';
import { S256_CHALLENGE_PATTERN, VERIFIER_PATTERN } from '../../crypto/pkce';
import { readHeader } from '../../network/wire';
import type { Refusal } from '../../trace/types';
import type { World } from '../../world/world';
import {
  escapeHtml,
  htmlPage,
  isAbsoluteUriWithoutFragment,
  readForm,
  redirect,
  refuse,
  singleValued,
} from '../http';
import { redirectUriMatches, resolveClient } from './clients';
import { endpoints, pkceSupport, SUPPORTED_SCOPES } from './metadata';
import { renderConsentPage } from './consentPage';
import { DEMO_SESSION_COOKIE } from './state';
import type { AuthorizationRequest } from './state';

type Outcome =
  | { kind: 'page'; refusal: Refusal }
  | { kind: 'redirect-error'; request: AuthorizationRequest; refusal: Refusal }
  | { kind: 'ok'; request: AuthorizationRequest };

/** Every resource this authorization server issues tokens for (RFC 8707 §2: unknown is invalid_target). */
export function knownResources(world: World): string[] {
  return [world.urls.mcp, world.urls.evilMcp, world.urls.downstream];
}

/**
 * A-13 (OAuth 2.1 §7.12.2, docs/reference §5.3 b): an error found before the user has signed in and decided
 * is sent back automatically only to a redirect URI the server trusts. A client that registered
 * itself through DCR is unreviewed: anyone can register https://phish.example and mail out links.
 */
function redirectTrusted(world: World, client: { source: string }): boolean {
  return client.source !== 'dcr' || world.isVulnerable('as-redirect-errors-untrusted');
}

export function sessionUser(world: World, request: Request): string | undefined {
  const cookies = readHeader(request.headers, 'cookie') ?? '';
  for (const part of cookies.split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === DEMO_SESSION_COOKIE && value) return world.as.sessions.get(value);
  }
  return undefined;
}

/**
 * The authorization response, with iss on success and on error alike (A-08, RFC 9207 §2), in the
 * revisions that ask for it (2026-07-28).
 */
export function authorizationResponse(
  world: World,
  redirectUri: string,
  params: Record<string, string | undefined>,
): Response {
  const url = new URL(redirectUri);
  // A-08 (from 2026-07-28): iss on every authorization response; the named fault leaves it out while
  // the metadata still advertises it (RFC 9207 §2.4: a client must then reject the response).
  const iss =
    world.inRevision('A-08') && !world.isVulnerable('as-iss-missing') ? world.urls.issuer : undefined;
  for (const [name, value] of Object.entries({ ...params, iss })) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  return redirect(url.href);
}

/** A short-lived, single-use code bound to the client, redirect URI, challenge and resource (OAuth 2.1 §4.1.2). */
function issueCode(world: World, request: AuthorizationRequest, sub: string): Response {
  const code = world.rng('as').token(32);
  world.as.codes.set(code, {
    code,
    request,
    sub,
    expiresAt: world.clock.now() + world.lifetimes.code,
    redeemed: false,
    revoked: false,
    issued: [],
  });
  return authorizationResponse(world, request.redirect_uri, { code, state: request.state });
}

/** What is wrong with the resource an authorization request names, if anything. */
function checkResource(world: World, resource: string | undefined): string | undefined {
  if (resource === undefined)
    return world.isVulnerable('as-default-audience') ? undefined : 'resource is required';
  if (!isAbsoluteUriWithoutFragment(resource) || !knownResources(world).includes(resource))
    return 'resource is not a resource this server issues tokens for';
  return undefined;
}

async function validate(world: World, query: URLSearchParams): Promise<Outcome> {
  const page = (rule: Refusal['rule'], error: string, description: string): Outcome => ({
    kind: 'page',
    refusal: { rule, error, description },
  });
  const single = singleValued(query);
  if (!single.ok) return page('A-21', 'invalid_request', single.description);
  const p = single.value;

  const clientId = p.get('client_id');
  if (!clientId) return page('A-19', 'invalid_request', 'client_id is missing');
  const resolved = await resolveClient(world, clientId);
  if (!resolved.ok) return page(resolved.rule, resolved.error, resolved.description);
  const client = resolved.client;

  const redirectUri = p.get('redirect_uri');
  if (!redirectUri) return page('A-19', 'invalid_request', 'redirect_uri is missing');
  if (
    !redirectUriMatches(client.redirect_uris, redirectUri, world.isVulnerable('as-redirect-prefix-match'))
  ) {
    return page('A-12', 'invalid_request', 'Unregistered redirect_uri');
  }

  const request = {
    client,
    redirect_uri: redirectUri,
    state: p.get('state'),
    scope: p.get('scope') ?? 'files:read',
    // Resource indicators (RFC 8707) arrive in 2025-06-18; a server of 2025-03-26 ignores
    // the parameter it does not know (OAuth 2.1 §4.1.1).
    resource: world.inRevision('A-22') ? p.get('resource') : undefined,
    // A server without PKCE support ignores the parameters it does not know (OAuth 2.1 §4.1.1).
    code_challenge: world.isVulnerable('as-no-pkce-support') ? undefined : p.get('code_challenge'),
    code_challenge_method: p.get('code_challenge_method'),
  };
  const fail = (rule: Refusal['rule'], error: string, description: string): Outcome => ({
    kind: 'redirect-error',
    request,
    refusal: { rule, error, description },
  });

  if (p.get('response_type') !== 'code')
    return fail('A-21', 'unsupported_response_type', 'response_type must be code');
  if (!client.grant_types.includes('authorization_code')) {
    return fail('A-21', 'unauthorized_client', 'this client may not use the authorization code grant');
  }
  if (request.code_challenge === undefined) {
    // A-16 (OAuth 2.1 §4.1.2.1): a public client's request without code_challenge is refused.
    const lax = world.isVulnerable('as-pkce-optional') || world.isVulnerable('as-no-pkce-support');
    if (!lax) return fail('A-16', 'invalid_request', 'code_challenge is required');
  } else {
    // Absent means "plain" (RFC 7636 §4.3).
    const method = request.code_challenge_method ?? 'plain';
    const supported = pkceSupport(world);
    if (method !== supported)
      return fail('A-16', 'invalid_request', `code_challenge_method must be ${supported}`);
    // A plain challenge is the verifier itself (RFC 7636 §4.2), so it has the verifier's form.
    const pattern = method === 'plain' ? VERIFIER_PATTERN : S256_CHALLENGE_PATTERN;
    if (!pattern.test(request.code_challenge))
      return fail('A-16', 'invalid_request', 'code_challenge is malformed');
    request.code_challenge_method = method;
  }
  // A-22 (RFC 8707 §2.1): this server requires resource (it MAY), and knows which resources it serves.
  const resourceRefusal = world.inRevision('A-22') ? checkResource(world, request.resource) : undefined;
  if (resourceRefusal) return fail('A-22', 'invalid_target', resourceRefusal);
  const scopes = request.scope.split(' ').filter(Boolean);
  const unknown = scopes.filter((s) => !SUPPORTED_SCOPES.includes(s));
  if (scopes.length === 0 || unknown.length > 0)
    return fail('A-21', 'invalid_scope', `unknown scope ${unknown.join(' ')}`.trim());
  return { kind: 'ok', request };
}

export function authorizeHandlers(world: World) {
  const { authorization_endpoint } = endpoints(world.urls.issuer);
  const decisionUrl = `${authorization_endpoint}/decision`;

  return [
    http.get(authorization_endpoint, async ({ request }) => {
      const outcome = await validate(world, new URL(request.url).searchParams);
      if (outcome.kind === 'page') {
        const { error, description } = outcome.refusal;
        return refuse(
          world,
          outcome.refusal,
          htmlPage(
            'Authorization error',
            `<h1>This request cannot be completed</h1><p>${escapeHtml(error)}: ${escapeHtml(description)}</p><p>The authorization server will not send you back to an address it cannot verify.</p>`,
            400,
          ),
        );
      }
      if (outcome.kind === 'redirect-error') {
        const { error, description } = outcome.refusal;
        if (!redirectTrusted(world, outcome.request.client)) {
          // the request failed its own check, but what decides this response is that the
          // redirect URI is not trusted: the user is told, and may choose to go back.
          return refuse(
            world,
            {
              rule: 'A-13',
              error,
              description: `${description}; not redirected to an unreviewed redirect URI`,
            },
            htmlPage(
              'Authorization error',
              `<h1>This request cannot be completed</h1><p>${escapeHtml(error)}: ${escapeHtml(description)}</p><p>The application that sent you here registered itself and has not been reviewed, so you are not sent back to it automatically. Only if you trust ${escapeHtml(new URL(outcome.request.redirect_uri).origin)}, you may <a href="${escapeHtml(outcome.request.redirect_uri)}">go back to it</a>.</p>`,
              400,
            ),
          );
        }
        return refuse(
          world,
          outcome.refusal,
          authorizationResponse(world, outcome.request.redirect_uri, {
            error,
            error_description: description,
            state: outcome.request.state,
          }),
        );
      }
      const sub = sessionUser(world, request);
      if (!sub)
        return htmlPage(
          'Sign in',
          '<h1>Sign in required</h1><p>No user is signed in to this browser.</p>',
          200,
        );
      // Like many third-party servers, it does not ask twice for a client the user already approved.
      if (
        outcome.request.client.rememberConsent &&
        world.as.rememberedConsents.has(`${sub} ${outcome.request.client.client_id}`)
      ) {
        return issueCode(world, outcome.request, sub);
      }
      const rng = world.rng('as');
      const transaction = { id: rng.token(12), csrf: rng.token(16), sub, request: outcome.request };
      world.as.transactions.set(transaction.id, transaction);
      return renderConsentPage(world, transaction, decisionUrl);
    }),

    http.post(decisionUrl, async ({ request }) => {
      const form = await readForm(request);
      // The one-time CSRF token ties the decision to the page this user was shown (A-01: suitable
      // protections; the same protection S-17 asks of a proxy's consent page).
      const bad = (description: string) =>
        refuse(
          world,
          { rule: 'A-01', error: 'invalid_request', description },
          htmlPage(
            'Authorization error',
            `<h1>This request cannot be completed</h1><p>${escapeHtml(description)}</p>`,
            400,
          ),
        );
      if (!form.ok) return bad(form.description);
      const transaction = world.as.transactions.get(form.value.get('transaction') ?? '');
      if (
        !transaction ||
        transaction.csrf !== form.value.get('csrf') ||
        sessionUser(world, request) !== transaction.sub
      ) {
        return bad('This consent form has expired or was not issued to you.');
      }
      world.as.transactions.delete(transaction.id);
      const { request: authz } = transaction;
      if (form.value.get('decision') !== 'approve') {
        return authorizationResponse(world, authz.redirect_uri, {
          error: 'access_denied',
          error_description: 'The user denied the request',
          state: authz.state,
        });
      }
      if (authz.client.rememberConsent)
        world.as.rememberedConsents.add(`${transaction.sub} ${authz.client.client_id}`);
      return issueCode(world, authz, transaction.sub);
    }),
  ];
}
