/**
 * Discovery on the wire: the MCP server's answers to the client (its challenge, what it accepted),
 * its protected resource metadata, and the authorization server's metadata, each checked with the
 * shared checks of src/sim/checks, and remembered for the messages after them.
 */
import {
  asMetadataChecks,
  asMetadataServerChecks,
  documentOf,
  prmChecks,
  prmServerChecks,
} from '../checks/discovery';
import {
  acceptanceChecks,
  challengeChecks,
  clientTokenUseCheck,
  hasToken,
  credentialsOf,
  tokenOf,
} from '../checks/resourceServer';
import { isLoopbackHttpUrl } from '../checks/urls';
import { stringArray } from '../client/json';
import { parseBearerChallenge } from '../client/wwwAuthenticate';
import { check, withFix } from '../trace/check';
import type { Check } from '../trace/types';
import { headerValue } from '../trace/types';
import { asMetadataUrls } from '../world/urls';
import type { HarExchange } from './parse';
import { endpointOf, issuerOfMetadataUrl, prmSourceOf } from './roles';
import { metadataKey, PRM_KEY, rpcMethod, setPending, takePending } from './walk';
import type { Message, Walk } from './walk';

/** An MCP request: the token where it belongs (C-24), and what the server answered. */
export function onMcp(walk: Walk, e: HarExchange, m: Message): void {
  const credentials = credentialsOf(e.url, e.requestHeaders);
  const method = rpcMethod(e);
  if (credentials === 'query' || (walk.flow.holdsToken && !(walk.sanitized && credentials === 'none')))
    m.requestChecks.push(clientTokenUseCheck(credentials));
  m.responseChecks.push(
    ...challengeChecks(e.status, e.responseHeaders, {
      credentials,
      metadataAtWellKnown: walk.metadataAtWellKnown,
    }),
  );
  m.responseChecks.push(
    ...acceptanceChecks(e.status, {
      credentials,
      token: tokenOf(e.url, e.requestHeaders),
      resource: walk.flow.prm?.resource,
      at: e.started / 1000,
    }),
  );
  const accepted = e.status >= 200 && e.status < 300;
  if (
    credentials === 'none' &&
    accepted &&
    method &&
    walk.flow.protectedMethods.has(method) &&
    !walk.sanitized
  ) {
    m.responseChecks.push(
      withFix(
        check(
          'S-10',
          'No data without a token',
          false,
          `${method} was refused without a token earlier, and now answered ${e.status} to a request with none`,
        ),
        'Validate the token before processing every request, and answer 401 with the challenge when there is none.',
      ),
    );
  }
  if (e.status === 401 && !hasToken(credentials) && method) walk.flow.protectedMethods.add(method);
  const challenge = parseBearerChallenge(headerValue(e.responseHeaders, 'www-authenticate') ?? null);
  if ((e.status === 401 || e.status === 403) && challenge?.scope) walk.flow.challengedScope = challenge.scope;
  // A 403 insufficient_scope that names no scope (S-12 broken) leaves the client nothing to go by but
  // scopes_supported (C-15's order): the earlier challenge's scope no longer bounds what it asks.
  else if (e.status === 403 && challenge?.error === 'insufficient_scope')
    walk.flow.challengedScope = undefined;
  if (e.status === 403 && challenge?.error === 'insufficient_scope') walk.flow.scopeRefused = true;
  else if (accepted) walk.flow.scopeRefused = false;
}

/** Protected resource metadata: C-03, C-22, S-01 (the client's checks) and S-22. */
export function onPrm(walk: Walk, e: HarExchange, m: Message): void {
  const doc = documentOf(e.status, e.responseBody);
  if (!doc) return;
  const source = prmSourceOf(e.url, walk.parties.challengedPrm.get(e.url)) ?? undefined;
  const checks = prmChecks({ doc, source, serverUrl: source?.expected ?? e.url });
  m.responseChecks.push(...checks, ...prmServerChecks(doc));
  const failures = checks.filter((c) => c.status === 'fail');
  setPending(walk.flow, PRM_KEY, failures, m.response.seq, 'The protected resource metadata');
  walk.flow.prm = {
    seq: m.response.seq,
    resource: typeof doc.resource === 'string' ? doc.resource : undefined,
    scopes: stringArray(doc.scopes_supported),
    failures,
  };
}

/** Authorization server metadata: the client's checks, and PKCE on the server's side. */
export function onAsMetadata(walk: Walk, e: HarExchange, m: Message): void {
  const doc = documentOf(e.status, e.responseBody);
  const issuer = issuerOfMetadataUrl(e.url);
  if (issuer === null) return;
  if (!doc) {
    m.responseChecks.push(...missingMetadataChecks(walk, e, issuer));
    return;
  }
  m.requestChecks.push(...takePending(walk.flow, "fetched the authorization server's metadata", PRM_KEY));
  const checks = asMetadataChecks({
    doc,
    issuer,
    allowLoopbackHttp: walk.allowLoopbackHttp || isLoopbackHttpUrl(e.url),
  });
  m.responseChecks.push(...checks, ...asMetadataServerChecks(doc));
  const failures = checks.filter((c) => c.status === 'fail');
  setPending(walk.flow, metadataKey(issuer), failures, m.response.seq, `The metadata of ${issuer}`);
  const endpoints = new Set<string>();
  for (const field of ['authorization_endpoint', 'token_endpoint', 'registration_endpoint']) {
    const value = doc[field];
    if (typeof value === 'string' && URL.canParse(value)) endpoints.add(endpointOf(value));
  }
  walk.flow.metadata.set(issuer, {
    seq: m.response.seq,
    issuer,
    issAdvertised: doc.authorization_response_iss_parameter_supported === true,
    scopes: stringArray(doc.scopes_supported),
    endpoints,
    failures,
  });
}

/**
 * A-02 (RFC 8414 §3.1): the metadata is at the issuer's well-known URL, path inserted, or at OpenID
 * Connect discovery. When the last URL of the order the client must try (C-05) also brings nothing
 * and none before it did, the server serves it at no URL a client may build: a server fault (a
 * document appended to an issuer with a path, say), which the client's stopping cannot make good.
 */
function missingMetadataChecks(walk: Walk, e: HarExchange, issuer: string): Check[] {
  const urls = asMetadataUrls(issuer);
  if (e.status < 400 || e.status >= 500 || urls.at(-1) !== e.url || walk.flow.metadata.has(issuer)) return [];
  return [
    withFix(
      check(
        'A-02',
        'Metadata at a well-known URL',
        false,
        `${issuer} has no metadata at ${urls.join(', ')} (the last answered ${e.status})`,
      ),
      `Serve RFC 8414 metadata at ${urls[0] ?? 'the well-known URL'}: the suffix goes between the host and the issuer's path (RFC 8414 §3.1).`,
    ),
  ];
}
