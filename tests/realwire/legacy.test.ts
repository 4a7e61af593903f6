/**
 * Back-compat for MCP revisions 2025-03-26 to 2025-11-25 (src/sim/servers/mcp/legacy.ts), in the
 * simulated world: the handshake and sessions work, and authorization is exactly as strict as for
 * a 2026-07-28 request: the same challenges byte for byte, the same named vulnerabilities.
 */
import { describe, expect, it } from 'vitest';
import { signJwt } from '../../src/sim/crypto/jwt';
import type { VulnerabilityId } from '../../src/sim/attacks/vulnerabilities';
import type { World } from '../../src/sim/world/world';
import { accessToken, mcpBody, mcpHeaders, send, world } from '../helpers';

const OLD = '2025-11-25';

function legacyHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...extra };
}

function rpc(method: string, params?: Record<string, unknown>, id: number | null = 1): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    ...(id === null ? {} : { id }),
    method,
    ...(params ? { params } : {}),
  });
}

async function post(w: World, body: string, headers: Record<string, string>) {
  const res = await send(w, w.urls.mcp, { method: 'POST', headers, body }, 'client');
  const text = await res.text();
  return {
    status: res.status,
    challenge: res.headers.get('www-authenticate'),
    session: res.headers.get('mcp-session-id'),
    json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}

/** initialize as an SDK 1.x client sends it: no MCP-Protocol-Version header yet. */
async function initialize(w: World, token: string, version = OLD) {
  return post(
    w,
    rpc('initialize', {
      protocolVersion: version,
      capabilities: {},
      clientInfo: { name: 't', version: '1' },
    }),
    legacyHeaders({ Authorization: `Bearer ${token}` }),
  );
}

async function session(w: World, token: string): Promise<string> {
  const init = await initialize(w, token);
  expect(init.status).toBe(200);
  return init.session ?? '';
}

function inSession(sessionId: string, token?: string, version = OLD): Record<string, string> {
  return legacyHeaders({
    'MCP-Protocol-Version': version,
    'Mcp-Session-Id': sessionId,
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  });
}

/** The 2026-07-28 request for the same operation, for comparison. */
async function modern(w: World, method: string, token?: string, params: Record<string, unknown> = {}) {
  const name = typeof params.name === 'string' ? params.name : undefined;
  const headers = mcpHeaders(method, token ? { Authorization: `Bearer ${token}` } : {}, name);
  const res = await send(w, w.urls.mcp, { method: 'POST', headers, body: mcpBody(method, params) }, 'client');
  return { status: res.status, challenge: res.headers.get('www-authenticate') };
}

describe('legacy handshake and sessions', () => {
  it('initialize negotiates a supported older revision and opens a session', async () => {
    const w = world();
    const token = accessToken(w);
    for (const version of ['2025-11-25', '2025-06-18', '2025-03-26']) {
      const init = await initialize(w, token, version);
      expect(init.status).toBe(200);
      expect(init.json).toMatchObject({ result: { protocolVersion: version, capabilities: { tools: {} } } });
      expect(init.session).toMatch(/^sess_/);
    }
    // An unknown version gets the newest one we speak; the client decides whether it can.
    expect((await initialize(w, token, '2024-11-05')).json).toMatchObject({
      result: { protocolVersion: '2025-11-25' },
    });
  });

  it('notifications get 202; tools/list and tools/call run in the session as its user', async () => {
    const w = world();
    const token = accessToken(w);
    const id = await session(w, token);
    expect(
      (await post(w, rpc('notifications/initialized', undefined, null), inSession(id, token))).status,
    ).toBe(202);
    const list = await post(w, rpc('tools/list'), inSession(id, token));
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.json)).toContain('read_file');
    const call = await post(
      w,
      rpc('tools/call', { name: 'read_file', arguments: { path: 'notes/plan.md' } }),
      inSession(id, token),
    );
    expect(JSON.stringify(call.json)).toContain('Q3 plan');
    expect(w.mcp.calls).toEqual([expect.objectContaining({ sub: 'user-7f3a', tool: 'read_file' })]);
    const unknown = await post(w, rpc('prompts/list'), inSession(id, token));
    expect(unknown.json).toMatchObject({ error: { code: -32601 } });
  });

  it('2025-03-26 clients send no version header after initialize: the session remembers the revision', async () => {
    const w = world();
    const token = accessToken(w);
    const id = (await initialize(w, token, '2025-03-26')).session ?? '';
    const headers = legacyHeaders({ 'Mcp-Session-Id': id, Authorization: `Bearer ${token}` });
    expect((await post(w, rpc('tools/list'), headers)).status).toBe(200);
  });

  it('in a session, any supported revision in the header is served; an unsupported one is 400', async () => {
    // 2025-06-18 transport: the client SHOULD send the negotiated revision; the server rejects only
    // an invalid or unsupported one.
    const w = world();
    const token = accessToken(w);
    const id = (await initialize(w, token, '2025-03-26')).session ?? '';
    expect((await post(w, rpc('tools/list'), inSession(id, token, '2025-06-18'))).status).toBe(200);
    expect((await post(w, rpc('tools/list'), inSession(id, token, '2025-11-25'))).status).toBe(200);
    const unsupported = await post(w, rpc('tools/list'), inSession(id, token, '2024-11-05'));
    expect(unsupported.status).toBe(400);
    expect(unsupported.json).toMatchObject({ error: { data: { requested: '2024-11-05' } } });
  });

  it('a dual-era client that mirrors Mcp-Method on its legacy initialize (mcp-remote) gets a session', async () => {
    const w = world();
    const token = accessToken(w);
    const init = await post(
      w,
      rpc('initialize', { protocolVersion: OLD, capabilities: {}, clientInfo: { name: 't', version: '1' } }),
      legacyHeaders({ 'Mcp-Method': 'initialize', Authorization: `Bearer ${token}` }),
    );
    expect(init.status).toBe(200);
    expect(init.session).toMatch(/^sess_/);
    const list = await post(w, rpc('tools/list'), {
      ...inSession(init.session ?? '', token),
      'Mcp-Method': 'tools/list',
    });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.json)).toContain('read_file');
  });

  it("no session: 400; an unknown session: 404; another user's session: 404 (S-20)", async () => {
    const w = world();
    const token = accessToken(w);
    const id = await session(w, token);
    expect(
      (
        await post(
          w,
          rpc('tools/list'),
          legacyHeaders({ 'MCP-Protocol-Version': OLD, Authorization: `Bearer ${token}` }),
        )
      ).status,
    ).toBe(400);
    expect((await post(w, rpc('tools/list'), inSession('sess_guessed', token))).status).toBe(404);
    const mallory = accessToken(w, { sub: 'user-mallory' });
    const hijack = await post(
      w,
      rpc('tools/call', { name: 'read_file', arguments: { path: 'notes/plan.md' } }),
      inSession(id, mallory),
    );
    expect(hijack.status).toBe(404);
    expect(JSON.stringify(hijack.json)).not.toContain('Q3 plan');
  });

  it('GET: 405 (no server stream); DELETE ends the session, for its own user only', async () => {
    const w = world();
    const token = accessToken(w);
    const id = await session(w, token);
    expect((await send(w, w.urls.mcp, { headers: inSession(id, token) })).status).toBe(405);
    const mallory = accessToken(w, { sub: 'user-mallory' });
    expect((await send(w, w.urls.mcp, { method: 'DELETE', headers: inSession(id, mallory) })).status).toBe(
      404,
    );
    expect((await send(w, w.urls.mcp, { method: 'DELETE', headers: inSession(id) })).status).toBe(401);
    expect((await send(w, w.urls.mcp, { method: 'DELETE', headers: inSession(id, token) })).status).toBe(204);
    expect((await post(w, rpc('tools/list'), inSession(id, token))).status).toBe(404);
  });

  it('an unsupported version header on a legacy request: 400 listing the older revisions', async () => {
    const w = world();
    const res = await post(w, rpc('tools/list'), inSession('x', accessToken(w), '1999-01-01'));
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      error: { data: { supported: ['2025-11-25', '2025-06-18', '2025-03-26'] } },
    });
  });

  it('a batch (2025-03-26 only) and malformed JSON: 400, never a crash', async () => {
    const w = world();
    expect(
      (await post(w, `[${rpc('initialize')}]`, inSession('x', accessToken(w), '2025-03-26'))).status,
    ).toBe(400);
    expect((await post(w, '{"jsonrpc":', inSession('x', accessToken(w)))).status).toBe(400);
  });
});

describe('legacy requests are authorized exactly like 2026-07-28 requests', () => {
  it('no token on initialize: the same 401 challenge that starts the flow', async () => {
    const w = world();
    const old = await post(w, rpc('initialize', { protocolVersion: OLD }), legacyHeaders());
    const now = await modern(w, 'tools/list');
    expect(old.status).toBe(401);
    expect(old.challenge).toBe(now.challenge);
    expect(old.session).toBeNull();
  });

  it.each([
    ['wrong audience', { aud: 'https://evil-mcp.example/mcp' }],
    ['expired', { exp: 1 }],
    ['another issuer', { iss: 'https://attacker-as.example' }],
  ])('%s: the same 401 invalid_token, on initialize and inside a session', async (_, claims) => {
    const w = world();
    const bad = accessToken(w, claims);
    const old = await initialize(w, bad);
    const now = await modern(w, 'tools/list', bad);
    expect(old.status).toBe(401);
    expect(old.challenge).toBe(now.challenge);
    const id = await session(w, accessToken(w));
    const inside = await post(w, rpc('tools/list'), inSession(id, bad));
    expect(inside.status).toBe(401);
    expect(inside.challenge).toBe(now.challenge);
  });

  it('a forged signature: 401', async () => {
    const w = world();
    const forged = signJwt(
      { iss: w.urls.issuer, sub: 'user-7f3a', aud: w.urls.mcp, scope: 'files', exp: 9e9 },
      { ...w.as.key, privateKey: new Uint8Array(32).fill(7) },
    );
    expect((await initialize(w, forged)).status).toBe(401);
  });

  it('insufficient scope: the same 403 naming every scope the operation needs', async () => {
    const w = world();
    const token = accessToken(w, { scope: 'files:read' });
    const id = await session(w, token);
    const params = { name: 'write_file', arguments: { path: 'a', content: 'b' } };
    const old = await post(w, rpc('tools/call', params), inSession(id, token));
    const now = await modern(w, 'tools/call', token, params);
    expect(old.status).toBe(403);
    expect(old.challenge).toBe(now.challenge);
  });

  it('a token in the query string is ignored, as in 2026-07-28 (S-24): 401 without error; another scheme: 401', async () => {
    const w = world();
    const token = accessToken(w);
    const res = await send(
      w,
      `${w.urls.mcp}?access_token=${token}`,
      { method: 'POST', headers: legacyHeaders(), body: rpc('initialize', { protocolVersion: OLD }) },
      'client',
    );
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).not.toContain('error=');
    expect(
      (
        await post(
          w,
          rpc('initialize', { protocolVersion: OLD }),
          legacyHeaders({ Authorization: 'Basic dXNlcjpwYXNz' }),
        )
      ).status,
    ).toBe(401);
  });

  it('a foreign Origin: 403 (S-23)', async () => {
    const w = world();
    const res = await post(
      w,
      rpc('initialize', { protocolVersion: OLD }),
      legacyHeaders({ Origin: 'https://attacker.example', Authorization: `Bearer ${accessToken(w)}` }),
    );
    expect(res.status).toBe(403);
  });

  it.each<[VulnerabilityId, Record<string, unknown>]>([
    ['mcp-no-audience-check', { aud: 'https://evil-mcp.example/mcp' }],
  ])(
    'the named vulnerability %s switches the check off on both paths alike',
    async (vulnerability, claims) => {
      const w = world({ vulnerabilities: [vulnerability] });
      const bad = accessToken(w, claims);
      expect((await initialize(w, bad)).status).toBe(200);
      expect((await modern(w, 'tools/list', bad)).status).toBe(200);
    },
  );

  it('a 2026-07-28 request is untouched: Mcp-Method present means the modern handler, whatever else', async () => {
    const w = world();
    const res = await send(w, w.urls.mcp, {
      method: 'POST',
      headers: mcpHeaders('tools/list', {
        'MCP-Protocol-Version': OLD,
        Authorization: `Bearer ${accessToken(w)}`,
      }),
      body: mcpBody('tools/list'),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: -32020 } });
  });
});
