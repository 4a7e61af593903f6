/**
 * Driving the authorization server by hand, as a client and a browser would: an authorization
 * request with the RFC 7636 example PKCE pair, the user's approval, and token requests.
 */
import type { World } from '../src/sim/world/world';
import { send, sessionCookie } from './helpers';

export const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
export const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'; // RFC 7636 Appendix B

export function authorizeUrl(w: World, overrides: Record<string, string | null> = {}): string {
  const params: Record<string, string | null> = {
    response_type: 'code',
    client_id: 'mcp-sim-desktop',
    redirect_uri: w.urls.callback,
    state: 'st4te',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    scope: 'files:read',
    resource: w.urls.mcp,
    ...overrides,
  };
  const url = new URL(`${w.urls.issuer}/authorize`);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.append(k, v);
  return url.href;
}

export async function approve(w: World, url: string): Promise<URL> {
  const page = await send(w, url, { headers: sessionCookie(w) }, 'browser');
  const html = await page.text();
  const json =
    /<script type="application\/json" id="consent-prompt">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}';
  const prompt = JSON.parse(json) as { action: string; fields: Record<string, string> };
  const decision = await send(
    w,
    prompt.action,
    {
      method: 'POST',
      headers: { ...sessionCookie(w), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...prompt.fields, decision: 'approve' }).toString(),
    },
    'browser',
  );
  return new URL(decision.headers.get('location') ?? '');
}

export async function token(w: World, params: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await send(
    w,
    `${w.urls.issuer}/token`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(params).toString(),
    },
    'client',
  );
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

export async function codeFor(w: World, overrides: Record<string, string | null> = {}): Promise<string> {
  const location = await approve(w, authorizeUrl(w, overrides));
  return location.searchParams.get('code') ?? '';
}

export function redeem(w: World, code: string, extra: Record<string, string> = {}) {
  return token(w, {
    grant_type: 'authorization_code',
    code,
    client_id: 'mcp-sim-desktop',
    redirect_uri: w.urls.callback,
    code_verifier: VERIFIER,
    resource: w.urls.mcp,
    ...extra,
  });
}
