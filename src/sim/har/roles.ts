/**
 * Who is who in a recording, from the metadata documents and the protocol messages themselves
 * (never from hostnames or free text): the MCP server is whoever answers 401 with a Bearer
 * challenge, serves protected resource metadata, or is named by its `resource`; the authorization
 * server is what that metadata's `authorization_servers` names, with the endpoints its own metadata
 * lists; the browser is what visits the authorization endpoint and follows its redirects back to the
 * client's redirect URI; the client is everything else it sent. Each exchange then gets the step it
 * is (src/sim/steps.ts), or none: a request that is no part of the flow is left out.
 */
import type { Lane } from '../lanes';
import type { StepId } from '../steps';
import { parseBearerChallenge } from '../client/wwwAuthenticate';
import { documentOf } from '../checks/discovery';
import { JWT_BEARER_GRANT, TOKEN_EXCHANGE_GRANT } from '../oauth/urns';
import { headerValue } from '../trace/types';
import type { HarExchange } from './parse';

const PRM_PREFIX = '/.well-known/oauth-protected-resource';
const OAUTH_PREFIX = '/.well-known/oauth-authorization-server';
const OIDC = '/.well-known/openid-configuration';

/** A URL without its query and fragment: how endpoints are compared. */
export function endpointOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

/**
 * The issuer an authorization server metadata URL was built from (RFC 8414 §3.1 path insertion, or
 * OpenID Connect's path appending): the inverse of asMetadataUrls. Null for any other URL.
 */
export function issuerOfMetadataUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const path = u.pathname;
  for (const prefix of [OAUTH_PREFIX, OIDC]) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return `${u.origin}${path.slice(prefix.length)}`;
  }
  if (path.endsWith(OIDC)) return `${u.origin}${path.slice(0, -OIDC.length)}`;
  return null;
}

/**
 * Where a protected resource metadata URL came from and the `resource` it must then name (RFC 9728
 * §3.3): the URL that was challenged, when a 401 named it; else the identifier the well-known part
 * was inserted into. Null for a URL that is neither.
 */
export function prmSourceOf(
  url: string,
  challengedFrom: string | undefined,
): { via: string; expected: string } | null {
  if (challengedFrom !== undefined)
    return { via: 'the WWW-Authenticate resource_metadata', expected: challengedFrom };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.pathname === PRM_PREFIX) return { via: 'the root well-known URL', expected: u.origin };
  if (u.pathname.startsWith(`${PRM_PREFIX}/`))
    return {
      via: 'the path-inserted well-known URL',
      expected: `${u.origin}${u.pathname.slice(PRM_PREFIX.length)}`,
    };
  return null;
}

function isPrmPath(url: string): boolean {
  try {
    const path = new URL(url).pathname;
    return path === PRM_PREFIX || path.startsWith(`${PRM_PREFIX}/`);
  } catch {
    return false;
  }
}

function jsonBody(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** An MCP message: a JSON-RPC body, or the transport's own headers. */
function isMcpMessage(e: HarExchange): boolean {
  if (['mcp-protocol-version', 'mcp-method', 'mcp-session-id'].some((h) => headerValue(e.requestHeaders, h)))
    return true;
  const body = jsonBody(e.requestBody);
  return typeof body === 'object' && body !== null && 'jsonrpc' in body && body.jsonrpc === '2.0';
}

function queryOf(url: string): URLSearchParams {
  try {
    return new URL(url).searchParams;
  } catch {
    return new URLSearchParams();
  }
}

/** A form body's parameters (only a body sent as a form is one). */
export function formOf(e: HarExchange): URLSearchParams {
  const type = headerValue(e.requestHeaders, 'content-type') ?? '';
  return e.requestBody !== null && type.toLowerCase().includes('x-www-form-urlencoded')
    ? new URLSearchParams(e.requestBody)
    : new URLSearchParams();
}

function stringField(doc: Record<string, unknown>, name: string): string | undefined {
  const value = doc[name];
  return typeof value === 'string' ? value : undefined;
}

/** What the documents in the recording say about the parties. */
export interface Parties {
  /** MCP endpoints (no query). */
  mcp: Set<string>;
  /** Protected resource metadata URLs named by a challenge, with the URL that was challenged. */
  challengedPrm: Map<string, string>;
  /** Issuers named by protected resource metadata, or whose metadata was fetched. */
  issuers: Set<string>;
  authorizationEndpoints: Set<string>;
  tokenEndpoints: Set<string>;
  registrationEndpoints: Set<string>;
  /** Every other endpoint an authorization server's metadata lists (JWKS, revocation...). */
  otherAsEndpoints: Set<string>;
  /** Origins of the authorization servers (their consent and sign-in pages live there). */
  asOrigins: Set<string>;
  /** Redirect URIs, from authorization requests and registrations. */
  redirectUris: Set<string>;
  /**
   * An enterprise identity provider (EXT-EMA): whatever answers an RFC 8693 token exchange, with its
   * own metadata, sign-in endpoint and token endpoint. Not an authorization server of the MCP server.
   */
  idpMetadataUrls: Set<string>;
  idpAuthorizationEndpoints: Set<string>;
  idpTokenEndpoints: Set<string>;
}

const AS_ENDPOINT_FIELDS = [
  'jwks_uri',
  'introspection_endpoint',
  'revocation_endpoint',
  'userinfo_endpoint',
  'device_authorization_endpoint',
  'pushed_authorization_request_endpoint',
  'end_session_endpoint',
];

/** The first pass: every document and challenge in the recording, before any exchange is placed. */
export function findParties(exchanges: readonly HarExchange[]): Parties {
  const parties: Parties = {
    mcp: new Set(),
    challengedPrm: new Map(),
    issuers: new Set(),
    authorizationEndpoints: new Set(),
    tokenEndpoints: new Set(),
    registrationEndpoints: new Set(),
    otherAsEndpoints: new Set(),
    asOrigins: new Set(),
    redirectUris: new Set(),
    idpMetadataUrls: new Set(),
    idpAuthorizationEndpoints: new Set(),
    idpTokenEndpoints: new Set(),
  };
  const add = (set: Set<string>, value: unknown) => {
    if (typeof value === 'string' && URL.canParse(value)) set.add(endpointOf(value));
  };
  for (const e of exchanges) {
    const challenge = parseBearerChallenge(headerValue(e.responseHeaders, 'www-authenticate') ?? null);
    if (challenge && (e.status === 401 || e.status === 403) && issuerOfMetadataUrl(e.url) === null) {
      parties.mcp.add(endpointOf(e.url));
      if (challenge.resourceMetadata && URL.canParse(challenge.resourceMetadata))
        parties.challengedPrm.set(new URL(challenge.resourceMetadata).href, endpointOf(e.url));
    }
    if (isMcpMessage(e)) parties.mcp.add(endpointOf(e.url));
  }
  // The IdP: the token endpoint of a token exchange, and the issuer whose metadata lists it, which
  // no protected resource metadata names.
  const named = new Set<string>();
  for (const e of exchanges) {
    if (e.method === 'POST' && formOf(e).get('grant_type') === TOKEN_EXCHANGE_GRANT)
      parties.idpTokenEndpoints.add(endpointOf(e.url));
    const doc = documentOf(e.status, e.responseBody);
    if (doc && e.method === 'GET' && (isPrmPath(e.url) || parties.challengedPrm.has(e.url))) {
      const servers = doc.authorization_servers;
      if (Array.isArray(servers)) for (const s of servers) if (typeof s === 'string') named.add(s);
    }
  }
  for (const e of exchanges) {
    const doc = documentOf(e.status, e.responseBody);
    if (!doc || e.method !== 'GET') continue;
    const token = stringField(doc, 'token_endpoint');
    const idpIssuer = issuerOfMetadataUrl(e.url);
    if (
      idpIssuer !== null &&
      !named.has(idpIssuer) &&
      token !== undefined &&
      URL.canParse(token) &&
      parties.idpTokenEndpoints.has(endpointOf(token))
    ) {
      parties.idpMetadataUrls.add(e.url);
      add(parties.idpAuthorizationEndpoints, stringField(doc, 'authorization_endpoint'));
      continue;
    }
    if (isPrmPath(e.url) || parties.challengedPrm.has(e.url)) {
      add(parties.mcp, doc.resource);
      const servers = doc.authorization_servers;
      if (Array.isArray(servers)) for (const s of servers) if (typeof s === 'string') parties.issuers.add(s);
      continue;
    }
    const issuer = issuerOfMetadataUrl(e.url);
    if (issuer === null) continue;
    parties.issuers.add(issuer);
    add(parties.authorizationEndpoints, stringField(doc, 'authorization_endpoint'));
    add(parties.tokenEndpoints, stringField(doc, 'token_endpoint'));
    add(parties.registrationEndpoints, stringField(doc, 'registration_endpoint'));
    for (const field of AS_ENDPOINT_FIELDS) add(parties.otherAsEndpoints, doc[field]);
  }
  for (const issuer of parties.issuers)
    if (URL.canParse(issuer)) parties.asOrigins.add(new URL(issuer).origin);
  for (const endpoint of parties.authorizationEndpoints) parties.asOrigins.add(new URL(endpoint).origin);
  for (const e of exchanges) {
    // An authorization request is one whatever the metadata says: response_type and client_id.
    const query = queryOf(e.url);
    if (parties.idpAuthorizationEndpoints.has(endpointOf(e.url))) {
      add(parties.redirectUris, query.get('redirect_uri'));
      continue;
    }
    const authorize =
      parties.authorizationEndpoints.has(endpointOf(e.url)) ||
      (e.method === 'GET' && query.has('response_type') && query.has('client_id'));
    if (authorize) {
      parties.authorizationEndpoints.add(endpointOf(e.url));
      parties.asOrigins.add(new URL(e.url).origin);
      add(parties.redirectUris, query.get('redirect_uri'));
    }
    if (
      e.method === 'POST' &&
      formOf(e).has('grant_type') &&
      !parties.idpTokenEndpoints.has(endpointOf(e.url))
    )
      parties.tokenEndpoints.add(endpointOf(e.url));
    if (parties.registrationEndpoints.has(endpointOf(e.url))) {
      const body = jsonBody(e.requestBody);
      if (
        typeof body === 'object' &&
        body !== null &&
        'redirect_uris' in body &&
        Array.isArray(body.redirect_uris)
      )
        for (const r of body.redirect_uris) add(parties.redirectUris, r);
    }
  }
  return parties;
}

/** The step an exchange is, and who sent it to whom; null for a request that is no part of the flow. */
export interface Placement {
  stepId: StepId;
  from: Lane;
  to: Lane;
  role:
    'mcp' | 'prm' | 'as-metadata' | 'register' | 'authorize' | 'browser-as' | 'callback' | 'token' | 'idp';
}

/** Whether the browser is inside an authorization: from its request until the callback. */
export interface BrowserState {
  inAuthorization: boolean;
  /** Where the last browser response redirected to. */
  nextHop: string | null;
}

/**
 * `credentialsHidden`: the recording removed the Authorization header (a sanitized export, the MCP
 * Inspector's redaction) and the client already holds a token, so a request that shows none is
 * taken to be an ordinary request with its token, not the first unauthenticated one.
 */
export function place(
  e: HarExchange,
  parties: Parties,
  browser: BrowserState,
  credentialsHidden = false,
): Placement | null {
  const endpoint = endpointOf(e.url);
  const origin = new URL(e.url).origin;
  // The company IdP's own exchanges (EXT-EMA): on its lane.
  if (parties.idpMetadataUrls.has(e.url) && e.method === 'GET')
    return { stepId: 'idp-metadata', from: 'client', to: 'idp', role: 'idp' };
  if (parties.idpAuthorizationEndpoints.has(endpoint) && e.method === 'GET')
    return { stepId: 'sso-authorize', from: 'browser', to: 'idp', role: 'idp' };
  if (parties.idpTokenEndpoints.has(endpoint) && e.method === 'POST') {
    const grant = formOf(e).get('grant_type');
    return {
      stepId: grant === TOKEN_EXCHANGE_GRANT ? 'token-exchange' : 'sso-token',
      from: 'client',
      to: 'idp',
      role: 'idp',
    };
  }
  if (parties.redirectUris.has(endpoint) && e.method === 'GET')
    return { stepId: 'callback', from: 'browser', to: 'client', role: 'callback' };
  if (parties.authorizationEndpoints.has(endpoint) && e.method === 'GET')
    return { stepId: 'authorize', from: 'browser', to: 'as', role: 'authorize' };
  if (parties.tokenEndpoints.has(endpoint) && e.method === 'POST') {
    const grant = formOf(e).get('grant_type');
    const stepId: StepId =
      grant === 'refresh_token'
        ? 'refresh'
        : grant === 'client_credentials'
          ? 'client-credentials'
          : grant === JWT_BEARER_GRANT
            ? 'jwt-bearer'
            : 'token';
    return { stepId, from: 'client', to: 'as', role: 'token' };
  }
  if (parties.registrationEndpoints.has(endpoint) && e.method === 'POST')
    return { stepId: 'dcr', from: 'client', to: 'as', role: 'register' };
  if (e.method === 'GET' && (isPrmPath(e.url) || parties.challengedPrm.has(e.url)))
    return { stepId: 'prm-discovery', from: 'client', to: 'mcp', role: 'prm' };
  if (e.method === 'GET' && issuerOfMetadataUrl(e.url) !== null)
    return { stepId: 'as-metadata', from: 'client', to: 'as', role: 'as-metadata' };
  if (parties.mcp.has(endpoint)) {
    const credentials = headerValue(e.requestHeaders, 'authorization') ?? queryOf(e.url).get('access_token');
    return {
      stepId: credentials || credentialsHidden ? 'mcp-request' : 'mcp-unauthenticated',
      from: 'client',
      to: 'mcp',
      role: 'mcp',
    };
  }
  // The pages between the authorization request and the callback: a redirect the browser followed
  // (a sign-in page), or a form it submitted (the consent decision). Not whatever else the browser
  // fetched meanwhile (a favicon, a stylesheet): those are no messages of the flow.
  const followed = browser.nextHop !== null && endpointOf(browser.nextHop) === endpoint;
  const submitted = browser.inAuthorization && e.method === 'POST' && formOf(e).size > 0;
  if (parties.asOrigins.has(origin) && !parties.otherAsEndpoints.has(endpoint) && (followed || submitted)) {
    return {
      stepId: e.method === 'POST' ? 'consent-decision' : 'authorize',
      from: 'browser',
      to: 'as',
      role: 'browser-as',
    };
  }
  return null;
}
