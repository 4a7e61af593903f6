/**
 * Discovery, as revision 2026-07-28 orders it (authorization-server-discovery.mdx): protected
 * resource metadata from the challenge's resource_metadata, else the path-inserted, else the root
 * well-known URL (C-03); then the authorization server's metadata in the fixed order (C-05),
 * checked before it is used.
 */
import { asMetadataChecks, prmChecks } from '../checks/discovery';
import type { PrmSource } from '../checks/discovery';
import { isSafeEndpoint } from '../checks/urls';
import { asMetadataUrls, prmUrlFor } from '../world/urls';
import { recordChecklist } from './checklist';
import { applies, speaks20250326 } from './revision';
import { isRecord, stringArray } from './json';
import type { AsMetadata, ClientContext, ProtectedResource } from './session';
import { ClientRefusal } from './types';

// Where other modules have always found them.
export { isSafeEndpoint, sameResource } from '../checks/urls';

export async function getJson(
  ctx: ClientContext,
  url: string,
  step: 'prm-discovery' | 'as-metadata',
): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await ctx.deps.fetch(url, {
      step,
      headers: { Accept: 'application/json', 'MCP-Protocol-Version': ctx.config.protocolVersion },
    });
  } catch {
    return { status: 0, body: null };
  }
  if (response.status !== 200) return { status: response.status, body: null };
  try {
    return { status: 200, body: await response.json() };
  } catch {
    return { status: 200, body: null };
  }
}

/** Tries each URL in order: the first JSON object wins; a 4xx moves on, a 5xx stops. */
async function firstDocument(
  ctx: ClientContext,
  urls: readonly string[],
  step: 'prm-discovery' | 'as-metadata',
): Promise<{ doc: Record<string, unknown>; index: number } | undefined> {
  for (const [index, url] of urls.entries()) {
    const { status, body } = await getJson(ctx, url, step);
    if (status === 200 && isRecord(body)) return { doc: body, index };
    if (status >= 500) return undefined;
  }
  return undefined;
}

/** A URL where protected resource metadata may be, and the `resource` RFC 9728 §3.3 then expects. */
interface PrmCandidate extends PrmSource {
  url: string;
}

/**
 * The candidate PRM URLs: the header's alone if given (the SDK does not fall back), else the
 * path-inserted then the root well-known URL. The order is MCP's own rule
 * (authorization-server-discovery.mdx §Protected Resource Metadata Discovery Requirements).
 */
function prmCandidates(ctx: ClientContext): PrmCandidate[] {
  const server = ctx.config.serverUrl;
  const fromHeader = ctx.session.challenge?.resourceMetadata;
  // RFC 9728 §3.3: metadata found through WWW-Authenticate must name the URL the client requested.
  if (fromHeader)
    return [{ url: fromHeader, expected: server, via: 'the WWW-Authenticate resource_metadata' }];
  // The well-known fallback is 2025-11-25's (C-03, SEP-985); in 2025-06-18 the header was a MUST
  // for servers and the client's only way.
  if (!applies(ctx, 'C-03')) return [];
  // Found at a well-known URL, it must name the identifier the suffix was inserted into: the
  // server's URL for the path-inserted URL, the origin for the root one.
  const origin = new URL(server).origin;
  const root = `${origin}/.well-known/oauth-protected-resource`;
  const inserted = prmUrlFor(server);
  if (inserted === root) return [{ url: root, expected: server, via: 'the well-known URL' }];
  return [
    { url: inserted, expected: server, via: 'the path-inserted well-known URL' },
    { url: root, expected: origin, via: 'the root well-known URL' },
  ];
}

/**
 * Protected resource metadata (C-01, C-03), checked before use. Undefined when there is none and the
 * client also speaks 2025-03-26: then the server is of that revision, and the client negotiates
 * down to discovery at the server's origin (C-60), as a dual-era client does.
 */
export async function discoverResource(ctx: ClientContext): Promise<ProtectedResource | undefined> {
  const candidates = prmCandidates(ctx);
  const found = await firstDocument(
    ctx,
    candidates.map((c) => c.url),
    'prm-discovery',
  );
  if (!found && speaks20250326(ctx)) {
    ctx.session.authRevision = '2025-03-26';
    await ctx.deps.note({
      kind: 'internal',
      stepId: 'validate-prm',
      title: 'No resource metadata: a server of 2025-03-26',
      outcome: 'ok',
      rule: 'C-60',
      detail: {
        summary:
          "The server publishes no protected resource metadata, so it follows 2025-03-26, where the authorization server is found at the MCP server's own origin. This client speaks that revision too: it looks there, and follows 2025-03-26's rules for this authorization.",
        values: { negotiated: '2025-03-26' },
      },
    });
    ctx.deps.log?.(
      '  · no protected resource metadata: authorization as 2025-03-26 (discovery at the origin)',
    );
    return undefined;
  }
  const doc = found?.doc;
  const from = found ? candidates[found.index] : undefined;
  const resource = typeof doc?.resource === 'string' ? doc.resource : undefined;
  const servers = stringArray(doc?.authorization_servers) ?? [];
  const checks = prmChecks({
    doc,
    source: from,
    serverUrl: ctx.config.serverUrl,
    enforceResource: ctx.config.checks.prmResource,
    foundRule: applies(ctx, 'C-03') ? 'C-03' : 'C-01',
  });
  const failed = await recordChecklist(ctx, {
    stepId: 'validate-prm',
    checks,
    rule: 'C-01',
    ok: {
      title: 'Metadata names this server',
      summary: `The client will ask ${servers[0]} for a token for ${resource}.`,
    },
    refused: {
      title: (f) => `Metadata refused: ${f.label}`,
      summary: 'The client must not use this metadata, so it stops before asking anyone for a token.',
    },
  });
  if (failed) throw new ClientRefusal(failed.rule, `Protected resource metadata refused: ${failed.detail}`);
  if (!resource || !doc) throw new ClientRefusal('C-03', 'Protected resource metadata has no resource');
  const scopes = stringArray(doc.scopes_supported);
  return { resource, authorization_servers: servers, ...(scopes ? { scopes_supported: scopes } : {}) };
}

export async function discoverAuthorizationServer(ctx: ClientContext, issuer: string): Promise<AsMetadata> {
  // C-02/C-05: RFC 8414 then OpenID Connect, from 2025-11-25; in 2025-06-18, RFC 8414 alone.
  const urls = asMetadataUrls(issuer);
  const found = await firstDocument(ctx, applies(ctx, 'C-02') ? urls : urls.slice(0, 1), 'as-metadata');
  const doc = found?.doc;
  const { checks: enforce, allowLoopbackHttp } = ctx.config;
  const issuerOk = doc?.issuer === issuer;
  // A client that skips C-06 takes the document's word for who the server is, and then registers,
  // and checks iss (C-19), against that name: what a spoofed issuer exploits (docs/reference §5.6).
  const recorded = !issuerOk && typeof doc?.issuer === 'string' ? doc.issuer : issuer;
  const methods = stringArray(doc?.code_challenge_methods_supported);
  const checks = asMetadataChecks({
    doc,
    issuer,
    allowLoopbackHttp,
    enforceIssuer: enforce.metadataIssuer,
    enforceS256: enforce.s256Support,
    applies: (rule) => applies(ctx, rule),
  });
  const issuerCheck = applies(ctx, 'C-06');
  const failed = await recordChecklist(ctx, {
    stepId: 'validate-as-metadata',
    checks,
    rule: issuerCheck ? 'C-06' : 'C-05',
    ok: {
      title: issuerCheck
        ? 'Issuer and PKCE support confirmed'
        : applies(ctx, 'C-28')
          ? 'PKCE support confirmed'
          : 'Endpoints read from the metadata',
      summary: issuerCheck
        ? `The client records ${recorded} as the issuer it expects to hear from.`
        : `The client will use ${recorded}'s endpoints. This revision asks no check of the metadata's issuer (that came in 2026-07-28).`,
    },
    refused: {
      title: (f) => `Metadata refused: ${f.label}`,
      summary:
        'The client must not use this metadata: it stops, with no registration, authorization or token request.',
    },
  });
  if (failed)
    throw new ClientRefusal(
      failed.rule,
      `Authorization server metadata refused: ${failed.label} (${failed.detail})`,
    );
  if (!doc) throw new ClientRefusal('C-05', 'No authorization server metadata');
  const regEndpoint = isSafeEndpoint(doc.registration_endpoint, allowLoopbackHttp)
    ? doc.registration_endpoint
    : undefined;
  const scopes = stringArray(doc.scopes_supported);
  const authMethods = stringArray(doc.token_endpoint_auth_methods_supported);
  return {
    issuer: recorded,
    authorization_endpoint: String(doc.authorization_endpoint),
    token_endpoint: String(doc.token_endpoint),
    ...(regEndpoint ? { registration_endpoint: regEndpoint } : {}),
    ...(scopes ? { scopes_supported: scopes } : {}),
    ...(methods ? { code_challenge_methods_supported: methods } : {}),
    client_id_metadata_document_supported: doc.client_id_metadata_document_supported === true,
    authorization_response_iss_parameter_supported:
      doc.authorization_response_iss_parameter_supported === true,
    ...(authMethods ? { token_endpoint_auth_methods_supported: authMethods } : {}),
  };
}
