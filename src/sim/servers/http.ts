/**
 * Small helpers every simulated server shares: strict parsing of form and JSON bodies (duplicated
 * or missing parameters, wrong content types and oversized bodies are answered, never thrown), the
 * OAuth error JSON of OAuth 2.1 §3.2.4, HTML pages with escaping, and `refuse`, the one way a
 * server answers a failed check: the response carries the check's rule into the trace.
 */
import type { Refusal } from '../trace/types';
import type { World } from '../world/world';
import { isRecord } from '../fields';

export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Answers a request whose check failed. The refusal (the check's rule and error) goes into the
 * trace with the response, marked as a stop unless it is the ordinary challenge that starts a flow.
 */
export function refuse(world: World, refusal: Refusal, response: Response, stop = true): Response {
  world.network.annotate({ rule: refusal.rule, refusal, ...(stop ? { mark: 'blocked' as const } : {}) });
  return response;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; description: string; status?: number };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

async function readText(request: Request): Promise<Parsed<string>> {
  const text = await request.text();
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) {
    return { ok: false, description: `request body larger than ${MAX_BODY_BYTES} bytes`, status: 413 };
  }
  return { ok: true, value: text };
}

/**
 * Parameters that appear once each. OAuth 2.1 §3.2.3/§4.1.1: "Request and response parameters
 * defined by this specification MUST NOT be included more than once", so a repeat is refused.
 */
export function singleValued(params: URLSearchParams): Parsed<Map<string, string>> {
  const map = new Map<string, string>();
  for (const [name, value] of params) {
    if (map.has(name)) return { ok: false, description: `parameter ${name} is repeated` };
    map.set(name, value);
  }
  return { ok: true, value: map };
}

export async function readForm(request: Request): Promise<Parsed<Map<string, string>>> {
  if (mediaType(request) !== 'application/x-www-form-urlencoded') {
    return { ok: false, description: 'the body must be application/x-www-form-urlencoded' };
  }
  const text = await readText(request);
  if (!text.ok) return text;
  return singleValued(new URLSearchParams(text.value));
}

export async function readJson(request: Request): Promise<Parsed<unknown>> {
  if (mediaType(request) !== 'application/json') {
    return { ok: false, description: 'the body must be application/json', status: 415 };
  }
  const text = await readText(request);
  if (!text.ok) return text;
  try {
    return { ok: true, value: JSON.parse(text.value) as unknown };
  } catch {
    return { ok: false, description: 'the body is not valid JSON' };
  }
}

export { isRecord };

/** OAuth 2.1 §3.2.4 error response for a failed check; token responses and errors are never cached (§3.2.3). */
export function oauthError(
  world: World,
  refusal: Refusal,
  status = 400,
  headers: Record<string, string> = {},
): Response {
  return refuse(
    world,
    refusal,
    Response.json(
      { error: refusal.error, error_description: refusal.description },
      { status, headers: { 'Cache-Control': 'no-store', ...headers } },
    ),
  );
}

export function htmlPage(
  title: string,
  bodyHtml: string,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${bodyHtml}</body></html>`;
  return new Response(html, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      // Consent and error pages must not be framed (clickjacking; Security Best Practices §Confused Deputy).
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': "frame-ancestors 'none'",
      'Cache-Control': 'no-store',
      ...headers,
    },
  });
}

export function redirect(location: string): Response {
  // OAuth 2.1 §7.5.4: 302 (or 303), never 307, so form bodies are not replayed to the client.
  return new Response(null, { status: 302, headers: { Location: location, 'Cache-Control': 'no-store' } });
}

/** An absolute URI with no fragment, as RFC 8707 §2 requires of `resource`. */
export function isAbsoluteUriWithoutFragment(value: string): boolean {
  try {
    const url = new URL(value);
    return url.hash === '' && !value.includes('#');
  } catch {
    return false;
  }
}

/** Loopback redirect URIs (RFC 8252 §7.3): http on 127.0.0.1, [::1] or localhost. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
}
