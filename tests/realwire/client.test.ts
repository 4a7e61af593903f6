/**
 * Real wire, both ends ours: the world server on an ephemeral 127.0.0.1 port, and the simulator's
 * own McpClient talking to it over real HTTP (global fetch, a real loopback callback listener).
 * Every registration mode real-wire supports connects; consent works as a real HTML form; and a
 * refusal over the wire names its rule.
 */
import { describe, expect, it } from 'vitest';
import { runRealClient } from '../../src/realwire/realClient';
import type { RealClientOptions } from '../../src/realwire/realClient';
import { DEFAULT_URLS } from '../../src/sim/world/urls';
import { CONFIDENTIAL_CLIENT_ID, PREREGISTERED_CLIENT_ID } from '../../src/sim/servers/auth/state';
import { headerValue } from '../../src/sim/trace/types';
import type { BrowserResult } from '../../src/sim/client/types';
import type { CallbackListener } from '../../src/realwire/callback';
import { stopServersAfterEach, world } from './helpers';

stopServersAfterEach();

const readPlan = {
  kind: 'call' as const,
  method: 'tools/call',
  params: { name: 'read_file', arguments: { path: 'notes/plan.md' } },
};

function run(options: RealClientOptions) {
  return runRealClient({
    follow: true,
    callbackTimeoutMs: 5_000,
    operations: [{ kind: 'call', method: 'tools/list' }, readPlan],
    ...options,
  });
}

/** The world's confidential machine client, run with its secret through the client credentials grant. */
async function runMachineClient(
  worldOptions: Parameters<typeof world>[0],
  extra: Partial<RealClientOptions> = {},
) {
  const server = await world(worldOptions);
  const bot = server.world.as.clients.get(CONFIDENTIAL_CLIENT_ID);
  if (!bot?.client_secret) throw new Error('no confidential client in the world');
  const result = await run({
    serverUrl: server.mcpUrl,
    grant: 'client_credentials',
    clientId: bot.client_id,
    clientSecret: bot.client_secret,
    operations: [{ kind: 'call', method: 'tools/list' }],
    ...extra,
  });
  return { result, bot };
}

function paths(exchanges: { method: string; url: string }[]): string[] {
  return exchanges.map((e) => `${e.method} ${new URL(e.url).pathname}`);
}

/**
 * A browser that does what a person does with the consent page: it reads the real HTML form, keeps
 * the cookie the page set, and submits the form with the Approve (or Deny) button.
 */
function formBrowser(decision: 'approve' | 'deny') {
  return async (url: string, listener: CallbackListener): Promise<BrowserResult> => {
    const page = await fetch(url, { redirect: 'manual' });
    const html = await page.text();
    const cookie = (page.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
    if (page.status !== 200 || !action)
      return { kind: 'no-callback', reason: `no consent form (${page.status})` };
    const fields = new URLSearchParams(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]+)">/g)].map((m) => [
        m[1] ?? '',
        m[2] ?? '',
      ]),
    );
    fields.set('decision', decision);
    const decided = await fetch(action.replace(/&amp;/g, '&'), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: fields.toString(),
    });
    const location = decided.headers.get('location');
    if (!location) return { kind: 'no-callback', reason: `no redirect (${decided.status})` };
    await fetch(location); // the browser lands on the client's loopback listener
    const callback = await listener.next(2_000);
    return callback ? { kind: 'callback', url: callback } : { kind: 'no-callback', reason: 'no callback' };
  };
}

describe('the simulator client against the world server, over real HTTP', () => {
  it('DCR: discovers, registers, authorizes, redeems, lists and calls tools', async () => {
    const server = await world({ autoApprove: true });
    const result = await run({ serverUrl: server.mcpUrl });
    expect(result.outcome).toMatchObject({ kind: 'success' });
    expect(JSON.stringify(result.outcome)).toContain('Q3 plan');
    expect(paths(result.exchanges)).toEqual([
      'POST /mcp',
      'GET /.well-known/oauth-protected-resource/mcp',
      'GET /.well-known/oauth-authorization-server/auth',
      'POST /auth/register',
      'GET /auth/authorize',
      `GET /callback`,
      'POST /auth/token',
      'POST /mcp',
      'POST /mcp',
    ]);
    // The real-wire world built every document from its real URLs.
    expect(result.client.session.metadata?.issuer).toBe(server.issuer);
    expect(result.client.session.prm?.resource).toBe(server.mcpUrl);
    const token = result.client.session.tokens?.access_token ?? '';
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(payload).toMatchObject({ aud: server.mcpUrl, iss: server.issuer, sub: 'user-7f3a' });
    // The world's clock follows the real one, so the token's times are real.
    expect(Math.abs(Number(payload.iat) - Date.now() / 1000)).toBeLessThan(60);
    expect([...server.world.as.clients.values()].filter((c) => c.source === 'dcr')).toHaveLength(1);
    expect(server.world.mcp.calls).toEqual([
      expect.objectContaining({ sub: 'user-7f3a', tool: 'read_file' }),
    ]);
    // The world logged one line per exchange, with the field that matters.
    expect(server.lines.join('\n')).toContain('token aud=' + server.mcpUrl);
    expect(server.lines.join('\n')).toContain('consent auto-approved');
  });

  it('pre-registered: uses the client_id it was given and sends no registration', async () => {
    const server = await world({ autoApprove: true });
    const result = await run({ serverUrl: server.mcpUrl, clientId: PREREGISTERED_CLIENT_ID });
    expect(result.outcome.kind).toBe('success');
    expect(paths(result.exchanges)).not.toContain('POST /auth/register');
    expect(result.client.session.registrations.get(server.issuer)).toEqual({
      client_id: PREREGISTERED_CLIENT_ID,
    });
    expect(server.world.mcp.calls.at(-1)).toMatchObject({ clientId: PREREGISTERED_CLIENT_ID });
  });

  it('pre-registered for another issuer: never sent to this one (C-14), the client registers instead', async () => {
    const server = await world({ autoApprove: true });
    const result = await run({
      serverUrl: server.mcpUrl,
      clientId: PREREGISTERED_CLIENT_ID,
      issuer: 'https://other-as.example',
    });
    expect(result.outcome.kind).toBe('success');
    expect(paths(result.exchanges)).toContain('POST /auth/register');
    expect(result.exchanges.some((e) => e.url.includes(`client_id=${PREREGISTERED_CLIENT_ID}`))).toBe(false);
  });

  it('CIMD: the client_id is the demo metadata document, which the world fetches inside itself', async () => {
    const server = await world({ autoApprove: true });
    const result = await run({ serverUrl: server.mcpUrl, cimdUrl: DEFAULT_URLS.cimd });
    expect(result.outcome.kind).toBe('success');
    expect(paths(result.exchanges)).not.toContain('POST /auth/register');
    expect(server.world.as.clients.get(DEFAULT_URLS.cimd)?.source).toBe('cimd');
    expect(server.lines.join('\n')).toContain(`in-world GET ${DEFAULT_URLS.cimd} → 200`);
  });

  it('CIMD needs https: a loopback http client_id is refused with an error page, never a redirect', async () => {
    const server = await world({ autoApprove: true });
    const result = await run({ serverUrl: server.mcpUrl, cimdUrl: 'http://127.0.0.1:9/client.json' });
    expect(result.outcome).toMatchObject({ kind: 'denied', error: 'no_callback' });
    const authorize = result.exchanges.find((e) => e.url.includes('/auth/authorize'));
    expect(authorize?.status).toBe(400);
    expect(authorize?.responseBody).toContain('invalid_client');
  });

  it('consent in a real browser: the HTML form, the sign-in cookie, Approve → connected; Deny → access_denied', async () => {
    const server = await world();
    const approved = await run({ serverUrl: server.mcpUrl, browser: formBrowser('approve') });
    expect(approved.outcome.kind).toBe('success');
    expect(server.lines.join('\n')).toContain('signed in as the demo user');
    const denied = await run({ serverUrl: server.mcpUrl, browser: formBrowser('deny') });
    expect(denied.outcome).toMatchObject({ kind: 'denied', error: 'access_denied' });
  });

  it('--follow without auto-approval stops at the consent page and says why', async () => {
    const server = await world();
    const result = await run({ serverUrl: server.mcpUrl });
    expect(result.outcome).toMatchObject({ kind: 'denied', error: 'no_callback' });
    expect(JSON.stringify(result.outcome)).toContain('auto-approve');
  });

  it('a refusal over the wire names its rule: the metadata names another resource (C-22)', async () => {
    const server = await world({ autoApprove: true });
    // Same server, other spelling: the PRM says 127.0.0.1, the client was given localhost.
    const result = await run({ serverUrl: server.mcpUrl.replace('127.0.0.1', 'localhost') });
    expect(result.outcome).toMatchObject({ kind: 'refused', rule: 'C-22' });
    expect(paths(result.exchanges).some((p) => p.includes('/auth/'))).toBe(false);
  });

  it('refuses plain http to a non-loopback host before sending anything (C-32)', async () => {
    const result = await runRealClient({ serverUrl: 'http://192.0.2.1/mcp' });
    expect(result.outcome).toMatchObject({ kind: 'refused', rule: 'C-32' });
    expect(result.exchanges).toHaveLength(0);
  });

  it('short-lived tokens expire in real time and the client refreshes (--token-lifetime)', async () => {
    // Two seconds, not one: the clock counts whole seconds (JWT NumericDate), so a one-second token
    // can expire a millisecond after it is issued, when the second turns.
    const server = await world({ autoApprove: true, tokenLifetime: 2 });
    const result = await run({ serverUrl: server.mcpUrl });
    expect(result.outcome.kind).toBe('success');
    await new Promise((r) => setTimeout(r, 3_100));
    const later = await result.client.perform({ kind: 'call', method: 'tools/list' });
    expect(later.result).toMatchObject({ kind: 'unauthorized' });
    expect(server.lines.join('\n')).toContain('token expired');
    const refreshed = await result.client.refresh();
    expect(refreshed.kind).toBe('tokens');
    expect((await result.client.perform({ kind: 'call', method: 'tools/list' })).result).toMatchObject({
      kind: 'ok',
    });
  });

  it("a call the server refuses ends with the server's own error, not a generic line", async () => {
    const server = await world({ autoApprove: true });
    const result = await run({
      serverUrl: server.mcpUrl,
      operations: [
        { kind: 'call', method: 'tools/list' },
        { kind: 'call', method: 'tools/call', params: { name: 'no_such_tool', arguments: {} } },
      ],
    });
    expect(result.outcome).toEqual({
      kind: 'failed',
      message: 'The MCP server answered with an error: Unknown tool: no_such_tool (-32602)',
    });
    // tools/list came back with resultType: the world speaks 2026-07-28, and the client stays modern.
    expect(result.client.session.era).toBe('modern');
    expect(result.exchanges.some((e) => e.requestBody?.includes('"initialize"'))).toBe(false);
  });

  it('client credentials: a machine client with the confidential pre-registered secret, no browser', async () => {
    const { result } = await runMachineClient(
      { autoApprove: true },
      {
        browser: () => Promise.reject(new Error('a machine client opens no browser')),
      },
    );
    expect(result.outcome.kind).toBe('success');
    const token = result.exchanges.find((e) => e.url.endsWith('/auth/token'));
    expect(token?.requestBody).toContain('grant_type=client_credentials');
    // The world lists client_secret_basic: the secret travels in the Authorization header only.
    expect(headerValue(token?.requestHeaders ?? [], 'authorization')).toMatch(/^Basic /);
    expect(token?.requestBody).not.toContain('client_secret');
  });

  it.each([
    { clientAuth: 'both', method: 'client_secret_basic' },
    { clientAuth: 'post', method: 'client_secret_post' },
  ] as const)(
    'world --client-auth $clientAuth: the client reads the metadata and sends $method',
    async (c) => {
      const { result, bot } = await runMachineClient({ autoApprove: true, clientAuth: c.clientAuth });
      expect(result.outcome.kind).toBe('success');
      const token = result.exchanges.find((e) => e.url.endsWith('/auth/token'));
      const form = new URLSearchParams(token?.requestBody ?? '');
      const authorization = headerValue(token?.requestHeaders ?? [], 'authorization');
      if (c.method === 'client_secret_post') {
        expect(authorization).toBeUndefined();
        expect([form.get('client_id'), form.get('client_secret')]).toEqual([
          bot.client_id,
          bot.client_secret,
        ]);
      } else {
        expect(authorization).toMatch(/^Basic /);
        expect(form.has('client_secret')).toBe(false);
      }
    },
  );

  it('world --client-auth post refuses Basic on the wire: 401 invalid_client with a Basic challenge', async () => {
    const server = await world({ autoApprove: true, clientAuth: 'post' });
    const bot = server.world.as.clients.get(CONFIDENTIAL_CLIENT_ID);
    const res = await fetch(`${server.issuer}/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${btoa(`${bot?.client_id ?? ''}:${bot?.client_secret ?? ''}`)}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource: server.mcpUrl }).toString(),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="token"');
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
  });
});
