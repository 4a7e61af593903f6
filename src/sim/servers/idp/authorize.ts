/**
 * Single sign-on at the enterprise IdP: the OpenID Connect authorization endpoint (OIDC Core
 * §3.1.2; EXT-EMA §3; I-01). The user already has a session at her company's IdP, and the
 * administrator assigned this app to her group: no password page, no consent page, straight back
 * with a code. As at any authorization server, the client and its redirect URI are checked before
 * anything is redirected (an error page otherwise), and the rest travels back with state and iss.
 */
import { http } from 'msw';
import { S256_CHALLENGE_PATTERN } from '../../crypto/pkce';
import { readHeader } from '../../network/wire';
import type { World } from '../../world/world';
import { escapeHtml, htmlPage, redirect, refuse, singleValued } from '../http';
import { redirectUriMatches } from '../auth/clients';
import { idpEndpoints } from './metadata';
import { IDP_SESSION_COOKIE } from './state';

/** Codes live one minute, like the MCP authorization server's (OAuth 2.1 §4.1.2 recommends ≤ 10). */
const CODE_LIFETIME = 60;

export function idpSessionUser(world: World, request: Request): string | undefined {
  for (const part of (readHeader(request.headers, 'cookie') ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === IDP_SESSION_COOKIE && value) return world.idp.sessions.get(value);
  }
  return undefined;
}

function errorPage(world: World, error: string, description: string, status = 400): Response {
  return refuse(
    world,
    { rule: 'I-01', error, description },
    htmlPage(
      'Sign-in error',
      `<h1>Sign-in error</h1><p>${escapeHtml(error)}: ${escapeHtml(description)}</p>`,
      status,
    ),
  );
}

function back(world: World, redirectUri: string, params: Record<string, string | undefined>): Response {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries({ ...params, iss: world.urls.idp }))
    if (value !== undefined) url.searchParams.set(name, value);
  return redirect(url.href);
}

export function idpAuthorizeHandlers(world: World) {
  return [
    http.get(idpEndpoints(world.urls.idp).authorization_endpoint, ({ request }) => {
      const parsed = singleValued(new URL(request.url).searchParams);
      if (!parsed.ok) return errorPage(world, 'invalid_request', parsed.description);
      const p = parsed.value;
      const app = world.idp.apps.get(p.get('client_id') ?? '');
      if (!app) return errorPage(world, 'invalid_client', 'unknown client_id');
      const redirectUri = p.get('redirect_uri') ?? '';
      if (!redirectUriMatches(app.redirect_uris, redirectUri))
        return errorPage(world, 'invalid_request', 'unregistered redirect_uri');
      const state = p.get('state');
      const fail = (error: string, description: string) =>
        refuse(
          world,
          { rule: 'I-01', error, description },
          back(world, redirectUri, { error, error_description: description, state }),
        );
      if (p.get('response_type') !== 'code')
        return fail('unsupported_response_type', 'response_type must be code');
      if (!(p.get('scope') ?? '').split(' ').includes('openid'))
        return fail('invalid_scope', 'scope must include openid');
      const challenge = p.get('code_challenge') ?? '';
      if (p.get('code_challenge_method') !== 'S256' || !S256_CHALLENGE_PATTERN.test(challenge))
        return fail('invalid_request', 'a code_challenge with the S256 method is required');
      const sub = idpSessionUser(world, request);
      const user = sub ? world.idp.users.get(sub) : undefined;
      if (!user) return errorPage(world, 'login_required', 'no signed-in user', 401);
      // The administrator assigns apps to groups: one the user's groups do not have is refused.
      const assigned = world.idp.policy.some((r) => r.app === app.client_id && user.groups.includes(r.group));
      if (!assigned) return fail('access_denied', `${app.client_name} is not assigned to ${user.name}`);
      const code = world.rng('idp').token(32);
      world.idp.codes.set(code, {
        client_id: app.client_id,
        redirect_uri: redirectUri,
        sub: user.sub,
        nonce: p.get('nonce'),
        code_challenge: challenge,
        expiresAt: world.clock.now() + CODE_LIFETIME,
        used: false,
      });
      return back(world, redirectUri, { code, state });
    }),
  ];
}
