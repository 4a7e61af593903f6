/**
 * Interop: the official MCP TypeScript SDK client (1.32.x, Client + StreamableHTTPClientTransport
 * with an authProvider) against the world server. The SDK speaks revision 2025-11-25 (initialize,
 * Mcp-Session-Id, no Mcp-Method), so this goes through legacy.ts, with the same token checks. The
 * authorization URL is followed by the project's real-wire browser helper to its loopback listener.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { describe, expect, it } from 'vitest';
import { exchangeFetch, followRedirects } from '../../src/realwire/browser';
import { startCallbackListener } from '../../src/realwire/callback';
import type { CallbackListener } from '../../src/realwire/callback';
import { PREREGISTERED_CLIENT_ID } from '../../src/sim/servers/auth/state';
import { headerValue } from '../../src/sim/trace/types';
import { issueTokens } from '../../src/sim/servers/auth/tokens';
import { DEFAULT_URLS } from '../../src/sim/world/urls';
import { stopServersAfterEach, track, world } from './helpers';

stopServersAfterEach();

/** An in-memory OAuthClientProvider, as an SDK-based desktop app would write one. */
class MemoryProvider implements OAuthClientProvider {
  info: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = '';
  code: string | null = null;
  clientMetadataUrl?: string;

  constructor(
    private readonly listener: CallbackListener,
    cimdUrl?: string,
    private readonly grantTypes = ['authorization_code', 'refresh_token'],
  ) {
    if (cimdUrl) this.clientMetadataUrl = cimdUrl;
  }

  get redirectUrl(): string {
    return this.listener.redirectUri;
  }

  get clientMetadata(): OAuthClientMetadata {
    // Like SDK 1.x clients in the wild: no application_type (a 2026-07-28 addition, C-13).
    return {
      client_name: 'SDK interop client',
      redirect_uris: [this.listener.redirectUri],
      grant_types: this.grantTypes,
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  state(): string {
    return 'sdk-state-1';
  }

  clientInformation() {
    return this.info;
  }

  saveClientInformation(info: OAuthClientInformationMixed) {
    this.info = info;
  }

  tokens() {
    return this.saved;
  }

  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }

  async redirectToAuthorization(url: URL): Promise<void> {
    // The user's browser: it follows the AS's redirects back to the app's loopback listener.
    const followed = await followRedirects(
      url.href,
      this.listener.redirectUri,
      exchangeFetch(() => undefined),
    );
    if (followed.kind === 'callback') await fetch(followed.url);
    const callback = await this.listener.next(2_000);
    expect(callback?.searchParams.get('state')).toBe('sdk-state-1');
    this.code = callback?.searchParams.get('code') ?? null;
  }

  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }

  codeVerifier() {
    return this.verifier;
  }
}

/** The SDK's documented pattern: connect, get UnauthorizedError, finish auth with the code, reconnect. */
async function connectWithOAuth(mcpUrl: string, provider: MemoryProvider): Promise<Client> {
  const first = new Client({ name: 'sdk-interop', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
  await expect(first.connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
  expect(provider.code).toBeTruthy();
  await transport.finishAuth(provider.code ?? '');
  await first.close();
  const client = new Client({ name: 'sdk-interop', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider }));
  track({ close: () => client.close() });
  return client;
}

async function listener(): Promise<CallbackListener> {
  return track(await startCallbackListener(0));
}

describe('the official MCP TypeScript SDK client against the world server', () => {
  it('DCR: completes OAuth, then lists and calls a tool over a 2025-11-25 session', async () => {
    const server = await world({ autoApprove: true });
    const provider = new MemoryProvider(await listener());
    const client = await connectWithOAuth(server.mcpUrl, provider);

    expect(client.getServerVersion()).toMatchObject({ name: 'example-files-mcp-server' });
    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name)).toContain('read_file');
    const result = await client.callTool({ name: 'read_file', arguments: { path: 'notes/plan.md' } });
    expect(JSON.stringify(result.content)).toContain('Q3 plan');
    expect(server.world.mcp.calls.at(-1)).toMatchObject({ sub: 'user-7f3a', tool: 'read_file' });

    // What went over the wire: the SDK's resource indicator, PKCE, the negotiated legacy revision.
    const authorize = server.exchanges.find((e) => e.url.includes('/auth/authorize'));
    expect(new URL(authorize?.url ?? '').searchParams.get('resource')).toBe(server.mcpUrl);
    expect(new URL(authorize?.url ?? '').searchParams.get('code_challenge_method')).toBe('S256');
    const init = server.exchanges.filter((e) => e.requestBody?.includes('"initialize"') && e.status === 200);
    expect(init).toHaveLength(1);
    expect(init[0]?.responseBody).toContain('"protocolVersion":"2025-11-25"');
    expect(init[0]?.responseHeaders.some(([n]) => n === 'mcp-session-id')).toBe(true);
    const initialized = server.exchanges.find((e) => e.requestBody?.includes('notifications/initialized'));
    expect(initialized?.status).toBe(202);
    // The SDK sent no application_type; real-wire's compat registered it as native, and said so.
    const register = server.exchanges.find((e) => e.url.endsWith('/auth/register'));
    expect(register?.status).toBe(201);
    expect(register?.notes.join(' ')).toContain('registered as "native"');
    expect(provider.saved?.access_token).toBeTruthy();
  });

  it('CIMD: the SDK uses the demo metadata document URL as its client_id', async () => {
    const server = await world({ autoApprove: true });
    const provider = new MemoryProvider(await listener(), DEFAULT_URLS.cimd);
    const client = await connectWithOAuth(server.mcpUrl, provider);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    expect(server.exchanges.some((e) => e.url.endsWith('/auth/register'))).toBe(false);
    expect(server.world.as.clients.get(DEFAULT_URLS.cimd)?.source).toBe('cimd');
  });

  it("pre-registered: the administrator's client_id, no registration request", async () => {
    const server = await world({ autoApprove: true });
    const provider = new MemoryProvider(await listener());
    provider.info = { client_id: PREREGISTERED_CLIENT_ID, redirect_uris: [provider.redirectUrl] };
    const client = await connectWithOAuth(server.mcpUrl, provider);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    expect(server.exchanges.some((e) => e.url.endsWith('/auth/register'))).toBe(false);
    const authorize = server.exchanges.find((e) => e.url.includes('/auth/authorize'));
    expect(new URL(authorize?.url ?? 'http://x').searchParams.get('client_id')).toBe(PREREGISTERED_CLIENT_ID);
  });

  it('step-up: a 403 insufficient_scope sends the SDK back to authorize for the wider scope', async () => {
    // A client that asks for no refresh token: SDK 1.x answers a 403 by refreshing when it holds
    // one, and a refresh cannot widen scope (OAuth 2.1 §4.3.1), so it gives up ("403 after trying
    // upscoping"; typescript-sdk issue 2255, fixed in SDK 2 by PR 2356). The world is right to
    // keep the scope; this client shows the step-up the spec describes.
    const server = await world({ autoApprove: true });
    const provider = new MemoryProvider(await listener(), undefined, ['authorization_code']);
    const client = await connectWithOAuth(server.mcpUrl, provider);
    expect(provider.saved?.scope).not.toContain('files:write');
    // The SDK's documented pattern again: the call throws UnauthorizedError after redirecting the
    // user; the app finishes the authorization with the code and calls again.
    const transport = client.transport;
    if (!(transport instanceof StreamableHTTPClientTransport)) throw new Error('not the HTTP transport');
    provider.code = null;
    const write = { name: 'write_file', arguments: { path: 'notes/new.md', content: 'hello' } };
    await expect(client.callTool(write)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(provider.code).toBeTruthy();
    await transport.finishAuth(provider.code ?? '');
    const result = await client.callTool(write);
    expect(JSON.stringify(result.content)).toContain('Wrote 5 characters');

    const challenge = server.exchanges.find((e) => e.status === 403);
    expect(headerValue(challenge?.responseHeaders ?? [], 'www-authenticate')).toContain('insufficient_scope');
    const second = server.exchanges.filter((e) => e.url.includes('/auth/authorize'))[1];
    expect(new URL(second?.url ?? 'http://x').searchParams.get('scope')?.split(' ')).toContain('files:write');
    expect(provider.saved?.scope).toContain('files:write');
  });

  it('refreshes a short-lived token when the world answers 401 (--token-lifetime)', async () => {
    const server = await world({ autoApprove: true, tokenLifetime: 1 });
    const provider = new MemoryProvider(await listener());
    const client = await connectWithOAuth(server.mcpUrl, provider);
    const before = provider.saved?.access_token;
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    expect(provider.saved?.access_token).not.toBe(before);
    expect(
      server.exchanges.some((e) => e.requestBody?.includes('grant_type=refresh_token') && e.status === 200),
    ).toBe(true);
  });

  it('a 2025-era session is bound to its user: another token with the same session id gets 404 (S-20)', async () => {
    const server = await world({ autoApprove: true });
    const provider = new MemoryProvider(await listener());
    await connectWithOAuth(server.mcpUrl, provider);
    const init = server.exchanges.find((e) => e.requestBody?.includes('"initialize"') && e.status === 200);
    const sessionId = init?.responseHeaders.find(([n]) => n === 'mcp-session-id')?.[1] ?? '';
    // Mallory has her own account and a genuine token for this server, and the victim's session id.
    const client = server.world.as.clients.get(PREREGISTERED_CLIENT_ID);
    if (!client) throw new Error('no pre-registered client');
    const mallory = {
      access_token: issueTokens(server.world, {
        client,
        sub: 'user-mallory',
        scope: 'files:read',
        resource: server.mcpUrl,
        withRefresh: false,
      }).accessToken,
    };
    const res = await fetch(server.mcpUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        'MCP-Protocol-Version': '2025-11-25',
        'Mcp-Session-Id': sessionId,
        Authorization: `Bearer ${mallory.access_token}`,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
    });
    expect(res.status).toBe(404);
  });
});
