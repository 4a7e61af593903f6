/**
 * The MCP server as a resource server: token validation answered exactly as docs/reference §4.1 says
 * (401 invalid_token, 403 insufficient_scope, 400 invalid_request), and the transport's own checks.
 */
import { describe, expect, it } from 'vitest';
import { deriveSigningKey, signJwt } from '../src/sim/crypto/jwt';
import { createRng } from '../src/sim/world/random';
import type { World } from '../src/sim/world/world';
import { accessToken, mcpBody, mcpHeaders, send, world } from './helpers';

async function call(
  w: World,
  init: {
    token?: string;
    method?: string;
    params?: Record<string, unknown>;
    headers?: Record<string, string>;
    url?: string;
  } = {},
) {
  const method = init.method ?? 'tools/list';
  const name = typeof init.params?.name === 'string' ? init.params.name : undefined;
  const res = await send(
    w,
    init.url ?? w.urls.mcp,
    {
      method: 'POST',
      headers: mcpHeaders(
        method,
        { ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}), ...init.headers },
        name,
      ),
      body: mcpBody(method, init.params),
    },
    'client',
  );
  return {
    status: res.status,
    challenge: res.headers.get('www-authenticate') ?? '',
    body: (await res.json()) as Record<string, unknown>,
  };
}

const PRM = 'resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"';

describe('MCP server token validation', () => {
  it('serves protected resource metadata at the path-inserted well-known URL', async () => {
    const w = world();
    const res = await send(w, 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp');
    expect(await res.json()).toEqual({
      resource: 'https://mcp.example.com/mcp',
      authorization_servers: ['https://auth.example.com'],
      scopes_supported: ['files:read', 'files:write'],
      bearer_methods_supported: ['header'],
      dpop_signing_alg_values_supported: ['ES256'],
      dpop_bound_access_tokens_required: false,
      resource_name: 'Example Files MCP Server',
    });
  });

  it('accepts a valid token and runs the tool for its subject', async () => {
    const w = world();
    const res = await call(w, {
      token: accessToken(w),
      method: 'tools/call',
      params: { name: 'read_file', arguments: { path: 'notes/plan.md' } },
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('Q3 plan');
    expect(w.mcp.calls).toEqual([expect.objectContaining({ sub: 'user-7f3a', tool: 'read_file' })]);
  });

  it('no token: 401 with resource_metadata and scope, and no error code', async () => {
    const w = world();
    const res = await call(w);
    expect(res.status).toBe(401);
    expect(res.challenge).toBe(`Bearer scope="files:read", ${PRM}`);
  });

  it.each([
    ['wrong audience', { aud: 'https://evil-mcp.example/mcp' }, 'token audience mismatch'],
    ['no audience', { aud: undefined }, 'token audience mismatch'],
    ['expired', { exp: 1 }, 'token expired'],
    ['another issuer', { iss: 'https://attacker-as.example' }, 'token was issued by an unknown issuer'],
  ])('%s: 401 invalid_token', async (_, claims, description) => {
    const w = world();
    const res = await call(w, { token: accessToken(w, claims) });
    expect(res.status).toBe(401);
    expect(res.challenge).toBe(`Bearer error="invalid_token", error_description="${description}", ${PRM}`);
    expect(w.mcp.calls).toHaveLength(0);
  });

  it('bad signature (signed by another key): 401 invalid_token', async () => {
    const w = world();
    const forged = signJwt(
      { iss: w.urls.issuer, sub: 'user-7f3a', aud: w.urls.mcp, scope: 'files:read', exp: w.clock.now() + 60 },
      { ...deriveSigningKey(createRng('evil'), w.as.key.kid) },
    );
    const res = await call(w, { token: forged });
    expect(res.status).toBe(401);
    expect(res.challenge).toContain('error="invalid_token", error_description="token signature is invalid"');
  });

  it('a tampered payload: 401 invalid_token', async () => {
    const w = world();
    const [h, , s] = accessToken(w).split('.');
    const payload = btoa(
      JSON.stringify({ iss: w.urls.issuer, sub: 'admin', aud: w.urls.mcp, scope: 'files', exp: 9e9 }),
    ).replace(/=+$/, '');
    expect((await call(w, { token: `${h}.${payload}.${s}` })).status).toBe(401);
  });

  it('insufficient scope: 403 insufficient_scope naming every scope the operation needs', async () => {
    const w = world();
    const res = await call(w, {
      token: accessToken(w, { scope: 'files:read' }),
      method: 'tools/call',
      params: { name: 'write_file', arguments: { path: 'a', content: 'b' } },
    });
    expect(res.status).toBe(403);
    expect(res.challenge).toBe(
      `Bearer error="insufficient_scope", error_description="tools/call write_file requires files:write", scope="files:write", ${PRM}`,
    );
  });

  it('a broader scope satisfies the narrower ones it contains (S-14)', async () => {
    const w = world();
    const res = await call(w, {
      token: accessToken(w, { scope: 'files' }),
      method: 'tools/call',
      params: { name: 'write_file', arguments: { path: 'a', content: 'b' } },
    });
    expect(res.status).toBe(200);
  });

  it('a token in the query string is ignored (S-24, OAuth 2.1 §5.1): 401, the challenge with no error', async () => {
    const w = world();
    const res = await call(w, { url: `${w.urls.mcp}?access_token=${accessToken(w)}` });
    expect(res.status).toBe(401);
    expect(res.challenge).toMatch(/^Bearer /);
    expect(res.challenge).toContain('resource_metadata=');
    expect(res.challenge).toContain('scope="files:read"');
    expect(res.challenge).not.toContain('error=');
    const event = w.recorder.events.findLast((e) => e.kind === 'response');
    expect(event).toMatchObject({ rule: 'S-24', refusal: { rule: 'S-24' } });
  });

  it('a token in the header and another in the query: the query one is ignored, the header one used', async () => {
    const w = world();
    const res = await call(w, {
      token: accessToken(w),
      url: `${w.urls.mcp}?access_token=${accessToken(w, { aud: 'https://elsewhere.example' })}`,
    });
    expect(res.status).toBe(200);
  });

  it('another auth scheme: 401 with a challenge; malformed Bearer: 400 invalid_request', async () => {
    const w = world();
    expect((await call(w, { headers: { Authorization: 'Basic dXNlcjpwYXNz' } })).status).toBe(401);
    expect((await call(w, { headers: { Authorization: 'Bearer a b c' } })).status).toBe(400);
  });
});

describe('MCP server transport checks (Streamable HTTP 2026-07-28)', () => {
  it('GET and DELETE: 401 without a token (authenticate first, S-25), 405 with one', async () => {
    const w = world();
    expect((await send(w, w.urls.mcp)).status).toBe(401);
    expect((await send(w, w.urls.mcp, { method: 'DELETE' })).status).toBe(401);
    const auth = { Authorization: `Bearer ${accessToken(w)}` };
    expect((await send(w, w.urls.mcp, { headers: auth })).status).toBe(405);
    expect((await send(w, w.urls.mcp, { method: 'DELETE', headers: auth })).status).toBe(405);
  });

  it('a request without credentials gets the 401 challenge even when its body and headers are wrong too', async () => {
    const w = world();
    for (const init of [
      { body: '{"jsonrpc":', headers: { 'Content-Type': 'application/json' } },
      { body: '{}', headers: { 'Content-Type': 'text/plain' } },
      {
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
        headers: mcpHeaders('tools/call'),
      },
    ]) {
      const res = await send(w, w.urls.mcp, { method: 'POST', ...init });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer .*resource_metadata="/);
    }
  });

  it('a foreign Origin: 403 (S-23)', async () => {
    const w = world();
    expect((await call(w, { headers: { Origin: 'https://attacker.example' } })).status).toBe(403);
  });

  it('Mcp-Method that does not match the body: 400 HeaderMismatch (-32020)', async () => {
    const w = world();
    const res = await call(w, { token: accessToken(w), headers: { 'Mcp-Method': 'tools/call' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: -32020 } });
  });

  it('an unsupported protocol version: 400, UnsupportedProtocolVersionError (-32022) listing the supported ones', async () => {
    const w = world();
    const res = await send(w, w.urls.mcp, {
      method: 'POST',
      headers: mcpHeaders('tools/list', {
        'MCP-Protocol-Version': '2025-06-18',
        Authorization: `Bearer ${accessToken(w)}`,
      }),
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/list',
        params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2025-06-18' } },
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: -32022, message: 'Unsupported protocol version', data: { supported: ['2026-07-28'] } },
    });
  });

  it('server/discover (a MUST in 2026-07-28) answers the supported versions', async () => {
    const w = world();
    const res = await call(w, { token: accessToken(w), method: 'server/discover' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      result: { supportedVersions: ['2026-07-28'], capabilities: { tools: {} } },
    });
  });

  it('every 2026-07-28 result carries resultType "complete" (schema.ts Result: a MUST)', async () => {
    // A dual-era client reads its absence as a server of an earlier revision.
    const w = world();
    const token = accessToken(w);
    for (const init of [
      { method: 'server/discover' },
      { method: 'tools/list' },
      { method: 'tools/call', params: { name: 'read_file', arguments: { path: 'notes/plan.md' } } },
    ]) {
      expect((await call(w, { token, ...init })).body).toMatchObject({ result: { resultType: 'complete' } });
    }
  });

  it('an unknown method: 404 -32601', async () => {
    const w = world();
    const res = await call(w, { token: accessToken(w), method: 'nope/nothing' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: -32601 } });
  });
});
