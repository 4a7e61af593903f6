/**
 * Bad input, generated: every endpoint of every simulated server is sent malformed JSON, wrong
 * content types, missing and duplicated parameters, oversized bodies, odd URLs and odd methods.
 * Each must answer with an error the spec prescribes, never a 5xx (a handler exception becomes a
 * 500 in the network, so this also proves no handler throws).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessToken, send, sessionCookie, world } from './helpers';

/** Each endpoint with the method and content type it expects, which the generator favours. */
const ENDPOINTS: [url: string, method: string, contentType: string | undefined][] = [
  ['https://auth.example.com/authorize', 'GET', undefined],
  ['https://auth.example.com/authorize/decision', 'POST', 'application/x-www-form-urlencoded'],
  ['https://auth.example.com/token', 'POST', 'application/x-www-form-urlencoded'],
  ['https://auth.example.com/register', 'POST', 'application/json'],
  ['https://auth.example.com/jwks', 'GET', undefined],
  ['https://auth.example.com/.well-known/oauth-authorization-server', 'GET', undefined],
  ['https://auth.example.com/.well-known/openid-configuration', 'GET', undefined],
  ['https://mcp.example.com/mcp', 'POST', 'application/json'],
  ['https://mcp.example.com/.well-known/oauth-protected-resource/mcp', 'GET', undefined],
  ['http://127.0.0.1:33418/callback', 'GET', undefined],
  ['https://app.example.com/oauth/client-metadata.json', 'GET', undefined],
];

const PARAM_NAMES = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
  'scope',
  'resource',
  'grant_type',
  'code',
  'code_verifier',
  'refresh_token',
  'client_secret',
  'access_token',
  'transaction',
  'csrf',
  'decision',
];

const printable = fc.string({
  unit: fc.constantFrom(...'abcXYZ019-._~:/?#[]@!$&\'()*+,;=% "<>{}\\'.split('')),
  maxLength: 60,
});
const anyText = fc.oneof(
  printable,
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '',
    'null',
    '[]',
    '{}',
    '{"a":',
    'javascript:alert(1)',
    'https://attacker.example/cb',
    'http://127.0.0.1:33418/callback',
    'S256',
    'plain',
    'authorization_code',
    'refresh_token',
  ),
);
const params = fc.array(fc.tuple(fc.constantFrom(...PARAM_NAMES, 'x'), anyText), { maxLength: 10 });
const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/json; charset=utf-8',
  'multipart/form-data; boundary=x',
  '*/*',
);
const body = fc.oneof(
  anyText,
  params.map((p) => new URLSearchParams(p).toString()),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.constantFrom(
        'jsonrpc',
        'id',
        'method',
        'params',
        'redirect_uris',
        'application_type',
        'grant_types',
        'token_endpoint_auth_method',
      ),
      fc.jsonValue(),
    )
    .map((v) => JSON.stringify(v)),
  fc.constant('x'.repeat(20_000)),
);
const authorization = fc.constantFrom(
  undefined,
  'Bearer',
  'Bearer ',
  'Bearer a.b.c',
  'Basic !!!',
  'Basic ' + btoa('mcp-sim-reporting-bot:nope'),
  'Negotiate x',
  'Bearer VALID',
);
const request = (endpoint: (typeof ENDPOINTS)[number]) =>
  fc.record({
    url: fc.constant(endpoint[0]),
    query: params,
    method: fc.oneof(
      { weight: 4, arbitrary: fc.constant(endpoint[1]) },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') },
    ),
    contentType: fc.oneof(
      { weight: 3, arbitrary: fc.constant(endpoint[2]) },
      { weight: 1, arbitrary: contentType },
    ),
    body,
    authorization,
    mcpHeaders: fc.boolean(),
    cookie: fc.boolean(),
  });

describe('bad input never crashes a server', () => {
  it.each(ENDPOINTS)(
    '%s: every generated request gets a 2xx-4xx answer, and errors are well-formed',
    async (...endpoint) => {
      const w = world();
      const token = accessToken(w);
      await fc.assert(
        fc.asyncProperty(request(endpoint), async (r) => {
          const url = new URL(r.url);
          for (const [k, v] of r.query) url.searchParams.append(k, v);
          const headers: Record<string, string> = {};
          if (r.contentType) headers['Content-Type'] = r.contentType;
          if (r.authorization) headers.Authorization = r.authorization.replace('VALID', token);
          if (r.cookie) Object.assign(headers, sessionCookie(w));
          if (r.mcpHeaders)
            Object.assign(headers, { 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'tools/list' });
          const hasBody = r.method !== 'GET';
          const res = await send(w, url.href, { method: r.method, headers, body: hasBody ? r.body : null });
          expect(res.status).toBeGreaterThanOrEqual(200);
          expect(res.status).toBeLessThan(500);
          if (
            (url.pathname === '/token' || url.pathname === '/register') &&
            res.status >= 400 &&
            r.method === 'POST'
          ) {
            const json = (await res.json()) as { error?: unknown };
            expect([
              'invalid_request',
              'invalid_client',
              'invalid_grant',
              'unauthorized_client',
              'unsupported_grant_type',
              'invalid_scope',
              'invalid_target',
              'invalid_redirect_uri',
              'invalid_client_metadata',
            ]).toContain(json.error);
          }
          if (url.pathname === '/authorize' && res.status === 302) {
            // A redirect only ever goes to a registered redirect URI.
            const location = new URL(res.headers.get('location') ?? '');
            expect(location.origin + location.pathname).toBe(w.urls.callback);
          }
        }),
        { numRuns: 150, seed: 20260728 },
      );
    },
  );

  it('duplicated parameters are refused at the authorization and token endpoints', async () => {
    const w = world();
    const dupAuthorize = `${w.urls.issuer}/authorize?client_id=mcp-sim-desktop&client_id=mcp-sim-desktop&redirect_uri=${encodeURIComponent(w.urls.callback)}`;
    const res = await send(w, dupAuthorize, { headers: sessionCookie(w) }, 'browser');
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    const tokenRes = await send(w, `${w.urls.issuer}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&grant_type=refresh_token&client_id=mcp-sim-desktop',
    });
    expect(tokenRes.status).toBe(400);
    expect(await tokenRes.json()).toMatchObject({
      error: 'invalid_request',
      error_description: 'parameter grant_type is repeated',
    });
  });

  it('oversized and malformed bodies get their specific answers', async () => {
    const w = world();
    const big = await send(w, `${w.urls.issuer}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `code=${'x'.repeat(20_000)}`,
    });
    expect(big.status).toBe(400);
    // OAuth 2.1 §5.3.1 (S-25): authenticate first. Without a token, a malformed body still gets the
    // challenge.
    const anonymous = await send(w, w.urls.mcp, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"jsonrpc":',
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer .*resource_metadata=/);
    const auth = { Authorization: `Bearer ${accessToken(w)}` };
    const mcpJson = await send(w, w.urls.mcp, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: '{"jsonrpc":',
    });
    expect(mcpJson.status).toBe(400);
    expect(await mcpJson.json()).toMatchObject({ error: { code: -32700 } });
    const mcpType = await send(w, w.urls.mcp, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', ...auth },
      body: '{}',
    });
    expect(mcpType.status).toBe(415);
    const mcpBig = await send(w, w.urls.mcp, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify({ x: 'y'.repeat(20_000) }),
    });
    expect(mcpBig.status).toBe(413);
  });
});
