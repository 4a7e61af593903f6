/**
 * Discovery, as revision 2026-07-28 orders it (spec §2.1): protected resource metadata from the
 * challenge's resource_metadata, else the path-inserted, else the root well-known URL (C-03); then
 * the authorization server's metadata in the fixed order (C-05), checked before it is used.
 */
import type { Check } from '../trace/types';
import { asMetadataUrls, prmUrlFor } from '../world/urls';
import { recordChecklist } from './checklist';
import { isRecord, stringArray } from './json';
import type { AsMetadata, ClientContext, ProtectedResource } from './session';
import { ClientRefusal } from './types';

async function getJson(
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

/** Tries each well-known URL in order: the first JSON object wins; a 4xx moves on, a 5xx stops. */
async function firstDocument(
  ctx: ClientContext,
  urls: string[],
  step: 'prm-discovery' | 'as-metadata',
): Promise<Record<string, unknown> | undefined> {
  for (const url of urls) {
    const { status, body } = await getJson(ctx, url, step);
    if (status === 200 && isRecord(body)) return body;
    if (status >= 500) return undefined;
  }
  return undefined;
}

/** The candidate PRM URLs: the header's alone if given (the SDK does not fall back), else path then root. */
function prmCandidates(ctx: ClientContext): string[] {
  const fromHeader = ctx.session.challenge?.resourceMetadata;
  if (fromHeader) return [fromHeader];
  const server = new URL(ctx.config.serverUrl);
  const root = `${server.origin}/.well-known/oauth-protected-resource`;
  const inserted = prmUrlFor(ctx.config.serverUrl);
  return inserted === root ? [root] : [inserted, root];
}

export async function discoverResource(ctx: ClientContext): Promise<ProtectedResource> {
  const doc = await firstDocument(ctx, prmCandidates(ctx), 'prm-discovery');
  const checks: Check[] = [];
  const resource = typeof doc?.resource === 'string' ? doc.resource : undefined;
  const servers = stringArray(doc?.authorization_servers) ?? [];
  checks.push({
    label: 'Metadata found',
    ok: doc !== undefined,
    detail: doc ? 'a JSON document was returned' : 'no protected resource metadata at any well-known URL',
    rule: 'C-03',
  });
  // RFC 9728 §3.3: the resource identifier must be identical to the server the client asked.
  const resourceOk = resource === ctx.config.serverUrl;
  checks.push({
    label: 'resource matches the server',
    ok: resourceOk || !ctx.config.checks.prmResource,
    detail: `${ctx.config.checks.prmResource ? '' : 'NOT CHECKED (vulnerable client). '}resource is ${resource ?? '(missing)'}; the client is talking to ${ctx.config.serverUrl}`,
    rule: 'C-22',
  });
  checks.push({
    label: 'authorization_servers',
    ok: servers.length > 0,
    detail: servers.join(', ') || '(none)',
    rule: 'S-01',
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
  if (failed || !resource || !doc)
    throw new ClientRefusal(
      failed?.rule,
      `Protected resource metadata refused: ${failed?.detail ?? 'missing'}`,
    );
  const scopes = stringArray(doc.scopes_supported);
  return { resource, authorization_servers: servers, ...(scopes ? { scopes_supported: scopes } : {}) };
}

/** C-51: only https (or http to a loopback host) may be opened or posted to. */
export function isSafeEndpoint(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (
      url.protocol === 'https:' ||
      (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    );
  } catch {
    return false;
  }
}

export async function discoverAuthorizationServer(ctx: ClientContext, issuer: string): Promise<AsMetadata> {
  const doc = await firstDocument(ctx, asMetadataUrls(issuer), 'as-metadata');
  const checks: Check[] = [];
  const { checks: enforce } = ctx.config;
  checks.push({
    label: 'Metadata found',
    ok: doc !== undefined,
    detail: doc ? 'a JSON document was returned' : 'no metadata at any well-known URL',
    rule: 'C-05',
  });
  const issuerOk = doc?.issuer === issuer;
  // A client that skips C-06 takes the document's word for who the server is, and then registers,
  // and checks iss (C-19), against that name: what a spoofed issuer exploits (spec §5.6).
  const recorded = !issuerOk && typeof doc?.issuer === 'string' ? doc.issuer : issuer;
  checks.push({
    label: 'issuer is identical',
    ok: issuerOk || !enforce.metadataIssuer,
    detail: `${enforce.metadataIssuer ? '' : 'NOT CHECKED (vulnerable client). '}issuer is ${String(doc?.issuer)}; the URL was built from ${issuer}`,
    rule: 'C-06',
  });
  const methods = stringArray(doc?.code_challenge_methods_supported);
  checks.push({
    label: 'PKCE S256 supported',
    ok: (methods?.includes('S256') ?? false) || !enforce.s256Support,
    detail: `${enforce.s256Support ? '' : 'NOT CHECKED (vulnerable client). '}code_challenge_methods_supported is ${methods ? JSON.stringify(methods) : 'absent'}`,
    rule: methods ? 'C-27' : 'C-28',
  });
  const responseTypes = stringArray(doc?.response_types_supported);
  checks.push({
    label: 'response type code',
    ok: responseTypes?.includes('code') ?? false,
    detail: `response_types_supported is ${JSON.stringify(responseTypes ?? null)}`,
    rule: 'A-01',
  });
  const endpointsOk = isSafeEndpoint(doc?.authorization_endpoint) && isSafeEndpoint(doc?.token_endpoint);
  checks.push({
    label: 'Endpoints are https',
    ok: endpointsOk,
    detail: `${String(doc?.authorization_endpoint)}, ${String(doc?.token_endpoint)}`,
    rule: 'C-51',
  });
  const failed = await recordChecklist(ctx, {
    stepId: 'validate-as-metadata',
    checks,
    rule: 'C-06',
    ok: {
      title: 'Issuer and PKCE support confirmed',
      summary: `The client records ${recorded} as the issuer it expects to hear from.`,
    },
    refused: {
      title: (f) => `Metadata refused: ${f.label}`,
      summary:
        'The client must not use this metadata: it stops, with no registration, authorization or token request.',
    },
  });
  if (failed || !doc)
    throw new ClientRefusal(
      failed?.rule,
      `Authorization server metadata refused: ${failed?.label ?? 'missing'} (${failed?.detail ?? ''})`,
    );
  const regEndpoint = isSafeEndpoint(doc.registration_endpoint) ? doc.registration_endpoint : undefined;
  const scopes = stringArray(doc.scopes_supported);
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
  };
}
