/**
 * Registration, the authorization request and its answer, and the callback: the client's request
 * parameters, the authorization server's redirect, and the client's own checks on what came back.
 */
import { authorizationRequestChecks, callbackChecks, scopeCheck } from '../checks/authorization';
import { authorizationResponseChecks, registrationChecks } from '../checks/authorizationServer';
import { stringArray } from '../client/json';
import type { SeenAuthorization, SeenMetadata } from './flow';
import type { HarExchange } from './parse';
import { endpointOf } from './roles';
import { authorizationFor, jsonObject, locationOf, metadataFor, usingMetadata } from './walk';
import type { Message, Walk } from './walk';

/** Dynamic Client Registration: C-13, A-11; what it registered, for later. */
export function onRegister(walk: Walk, e: HarExchange, m: Message): void {
  m.requestChecks.push(...usingMetadata(walk, e.url, 'registered with the authorization server'));
  const body = jsonObject(e.requestBody);
  if (!body) return;
  const accepted = e.status >= 200 && e.status < 300;
  m.requestChecks.push(...registrationChecks(body, accepted));
  const response = jsonObject(e.responseBody);
  if (accepted && typeof response?.client_id === 'string') {
    walk.flow.registrations.set(response.client_id, {
      seq: m.response.seq,
      redirectUris: stringArray(response.redirect_uris) ?? stringArray(body.redirect_uris) ?? [],
      public: (response.token_endpoint_auth_method ?? body.token_endpoint_auth_method) === 'none',
    });
  }
}

/** The authorization request (the browser's), and the answer when it is a redirect back. */
export function onAuthorize(walk: Walk, e: HarExchange, m: Message): void {
  const params = new URL(e.url).searchParams;
  const metadata = metadataFor(walk.flow, e.url);
  walk.flow.scopeRefused = false;
  m.requestChecks.push(...usingMetadata(walk, e.url, 'sent the user to the authorization endpoint'));
  m.requestChecks.push(...authorizationRequestChecks(params, walk.flow.prm?.resource));
  const allowed = allowedScopes(walk, metadata);
  if (allowed) m.requestChecks.push(scopeCheck(params.get('scope'), allowed.scopes, allowed.from));
  for (const s of (params.get('scope') ?? '').split(' ').filter(Boolean)) walk.flow.requestedScopes.add(s);
  const authorization = { seq: m.request.seq, params, metadata };
  walk.flow.authorizations.push(authorization);
  authorizationResponse(walk, e, m, authorization, true);
}

/** C-15: the challenge's scopes with those asked before (C-16), else the resource's; offline_access if the AS lists it (C-42). */
function allowedScopes(walk: Walk, metadata: SeenMetadata | undefined) {
  const extra = metadata?.scopes?.includes('offline_access') ? ['offline_access'] : [];
  if (walk.flow.challengedScope) {
    const scopes = [
      ...new Set([...walk.flow.challengedScope.split(' '), ...walk.flow.requestedScopes, ...extra]),
    ];
    return { scopes, from: 'the challenge' as const };
  }
  const supported = walk.flow.prm?.scopes;
  return supported ? { scopes: [...supported, ...extra], from: 'scopes_supported' as const } : null;
}

/** A redirect back to the client: the authorization response, checked as the server's answer. */
function authorizationResponse(
  walk: Walk,
  e: HarExchange,
  m: Message,
  authorization: SeenAuthorization | undefined,
  direct: boolean,
): void {
  const location = locationOf(e);
  if (!location || !authorization) return;
  const redirect = authorization.params.get('redirect_uri');
  if (redirect === null || endpointOf(location.href) !== endpointOf(redirect)) {
    // Redirected elsewhere than the redirect_uri asked for: only the registration can say whether
    // that is allowed, and A-12 reads it.
    if (!walk.parties.redirectUris.has(endpointOf(location.href))) return;
  }
  const clientId = authorization.params.get('client_id') ?? '';
  const registration = walk.flow.registrations.get(clientId);
  m.responseChecks.push(
    ...authorizationResponseChecks({
      request: authorization.params,
      location,
      issAdvertised: authorization.metadata?.issAdvertised,
      registered: registration?.redirectUris,
      selfRegistered: registration !== undefined,
      direct,
    }),
  );
}

/** A page between request and callback (sign-in, consent) whose answer may be the redirect back. */
export function onBrowserAs(walk: Walk, e: HarExchange, m: Message): void {
  const location = locationOf(e);
  if (!location) return;
  authorizationResponse(walk, e, m, authorizationFor(walk.flow, endpointOf(location.href)), false);
}

/** The callback: the client's state and iss checks (C-30, C-19, C-20) on what reached it. */
export function onCallback(walk: Walk, e: HarExchange, m: Message): void {
  const url = new URL(e.url);
  const params = url.searchParams;
  const authorization = authorizationFor(walk.flow, endpointOf(e.url));
  // The issuer the client recorded (C-18): that of the metadata whose endpoint it used, or the
  // only authorization server in the recording.
  const metadata =
    authorization?.metadata ??
    (walk.flow.metadata.size === 1 ? [...walk.flow.metadata.values()][0] : undefined);
  const checks = metadata
    ? callbackChecks(
        {
          state: authorization?.params.get('state') ?? undefined,
          issuer: metadata.issuer,
          issSupported: metadata.issAdvertised,
        },
        params,
      )
    : [];
  m.requestChecks.push(...checks);
  if (!authorization) {
    // The browser's request is not in the recording (the user's own browser): its answer is.
    m.requestChecks.push(
      ...authorizationResponseChecks({
        request: new URLSearchParams(),
        location: url,
        issAdvertised: metadata?.issAdvertised,
        registered: undefined,
        selfRegistered: false,
        direct: false,
      }).filter((c) => c.rule === 'A-08' || c.rule === 'A-09'),
    );
  }
  const code = params.get('code');
  if (code !== null) {
    walk.flow.codes.set(code, {
      authorization,
      failures: checks.filter((c) => c.status === 'fail'),
      callbackSeq: m.request.seq,
    });
  }
}
