/**
 * Resolving the client behind a client_id: one registered in advance or through DCR, or a Client
 * ID Metadata Document fetched from the client_id URL itself (A-05; CIMD §3, §4, §6).
 */
import type { Refusal } from '../../trace/types';
import type { World } from '../../world/world';
import { isRecord } from '../http';
import type { RegisteredClient } from './state';

export type Resolution = { ok: true; client: RegisteredClient } | ({ ok: false } & Refusal);

/** CIMD §6.6: the AS should cap what it reads from a client's document. */
const CIMD_MAX_BYTES = 5 * 1024;

/** CIMD §3: https, a path, no fragment, no userinfo, no dot segments. */
export function isValidCimdUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const segments = value.split('?')[0]?.split('/').slice(3) ?? [];
  return (
    url.protocol === 'https:' &&
    url.pathname.length > 1 &&
    url.hash === '' &&
    !value.includes('#') &&
    url.username === '' &&
    url.password === '' &&
    !segments.includes('.') &&
    !segments.includes('..')
  );
}

export async function resolveClient(world: World, clientId: string): Promise<Resolution> {
  const known = world.as.clients.get(clientId);
  // a fetched document is reused while its Cache-Control max-age lasts.
  const fresh = known?.source !== 'cimd' || (known.cachedUntil ?? 0) > world.clock.now();
  if (known && fresh) return { ok: true, client: known };
  // A-19 (OAuth 2.1 §4.1.2.1): an invalid client_id is shown to the user, never redirected. A URL
  // is a client_id only where Client ID Metadata Documents exist (A-05, from 2025-11-25).
  if (!clientId.startsWith('https://') || !world.inRevision('A-05')) {
    return { ok: false, rule: 'A-19', error: 'invalid_client', description: 'unknown client_id' };
  }
  if (!isValidCimdUrl(clientId)) {
    return {
      ok: false,
      rule: 'A-05',
      error: 'invalid_client',
      description: 'client_id is not a valid metadata document URL',
    };
  }
  return fetchMetadataDocument(world, clientId);
}

async function fetchMetadataDocument(world: World, clientId: string): Promise<Resolution> {
  // A-05 (CIMD §4): every way a fetched document can fail to identify the client.
  const fail = (description: string): Resolution => ({
    ok: false,
    rule: 'A-05',
    error: 'invalid_client',
    description,
  });
  let response: Response;
  try {
    response = await world.network.fetchAs('as')(clientId, {
      step: 'cimd-fetch',
      headers: { Accept: 'application/json' },
    });
  } catch {
    return fail('the client metadata document could not be fetched');
  }
  if (response.status !== 200)
    return fail(`fetching the client metadata document returned ${response.status}`);
  const maxAge = /max-age=(\d+)/.exec(response.headers.get('cache-control') ?? '')?.[1];
  const text = await response.text();
  if (text.length > CIMD_MAX_BYTES) return fail('the client metadata document is larger than 5 KB');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail('the client metadata document is not valid JSON');
  }
  if (!isRecord(doc)) return fail('the client metadata document is not a JSON object');
  // A-05 / CIMD §4.1: the document's client_id must equal the URL, by simple string comparison.
  if (doc.client_id !== clientId) return fail("the document's client_id does not match its URL");
  const redirects = doc.redirect_uris;
  if (!Array.isArray(redirects) || redirects.length === 0 || !redirects.every((r) => typeof r === 'string')) {
    return fail('the client metadata document has no redirect_uris');
  }
  if (
    'client_secret' in doc ||
    (typeof doc.token_endpoint_auth_method === 'string' &&
      doc.token_endpoint_auth_method.startsWith('client_secret'))
  ) {
    return fail('a client metadata document must not use shared secrets (CIMD §4.1)');
  }
  const client: RegisteredClient = {
    client_id: clientId,
    client_name: typeof doc.client_name === 'string' ? doc.client_name : new URL(clientId).host,
    redirect_uris: redirects,
    grant_types: Array.isArray(doc.grant_types)
      ? doc.grant_types.filter((g) => typeof g === 'string')
      : ['authorization_code'],
    token_endpoint_auth_method: 'none',
    application_type: 'native',
    source: 'cimd',
    cachedUntil: world.clock.now() + Math.min(Number(maxAge ?? 0), 3600),
  };
  world.as.clients.set(clientId, client);
  return { ok: true, client };
}

const LOOPBACK_IP = /^(http:\/\/(?:127\.0\.0\.1|\[::1\]))(?::(\d{1,5}))?([/?].*)?$/s;

/**
 * A-12 (OAuth 2.1 §2.3.1, §4.1.1; RFC 8252 §7.3): simple string comparison with a registered redirect
 * URI, nothing normalised or resolved. The one exception: for a loopback IP literal, the port may
 * differ (native apps get an ephemeral port), and only the port; every other character must match.
 */
export function redirectUriMatches(registered: string[], candidate: string, prefixMatch = false): boolean {
  // The vulnerable variant (open-redirect attack): a string prefix of the registered origin, so
  // https://app.example.com.attacker.example/cb "matches" https://app.example.com/oauth/callback.
  if (prefixMatch) return registered.some((r) => candidate.startsWith(new URL(r).origin));
  if (registered.includes(candidate)) return true;
  const asked = LOOPBACK_IP.exec(candidate);
  if (!asked) return false;
  const [, host, port, rest = ''] = asked;
  if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535 && !port.startsWith('0')))
    return false;
  return registered.some((r) => {
    const reg = LOOPBACK_IP.exec(r);
    return reg !== null && reg[1] === host && (reg[3] ?? '') === rest;
  });
}
