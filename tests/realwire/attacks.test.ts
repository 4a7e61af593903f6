/**
 * The attack lab's attacks that make sense over a real wire, with the same overrides and the same
 * outcomes as tests/attacks.test.ts: defence off, the attacker gets the victim's file; defence on,
 * she is stopped by the same rule. Here the attacker is real HTTP from the test, and the victim is
 * the simulator's client against the world server, both on 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';
import { runRealClient } from '../../src/realwire/realClient';
import type { RealClientOptions } from '../../src/realwire/realClient';
import { followRedirects, exchangeFetch } from '../../src/realwire/browser';
import type { AttackId } from '../../src/sim/attacks/ids';
import { PREREGISTERED_CLIENT_ID } from '../../src/sim/servers/auth/state';
import { callTool, postForm, stopServersAfterEach, tokenFor, world } from './helpers';

stopServersAfterEach();

type Defence = 'on' | 'off';

/** The world and the client of one attack run: with the defence off, the attack's overrides apply to both. */
async function setUp(attack: AttackId, defence: Defence, client: Partial<RealClientOptions> = {}) {
  const server = await world({ autoApprove: true, ...(defence === 'off' ? { attack } : {}) });
  const victim = await runRealClient({
    serverUrl: server.mcpUrl,
    follow: true,
    callbackTimeoutMs: 5_000,
    ...(defence === 'off' ? { attack } : {}),
    ...client,
  });
  return { server, victim };
}

const VICTIM_FILE = 'Q3 plan';

describe.each(['off', 'on'] as const)('over the wire, defence %s', (defence) => {
  const attackerWins = defence === 'off';

  it('wrong-audience: a token issued for evil-mcp is replayed at the honest MCP server (S-06)', async () => {
    const { server, victim } = await setUp('wrong-audience', defence);
    expect(victim.outcome.kind).toBe('success');
    // A genuine token from the same authorization server, for the attacker's resource.
    const { token } = await tokenFor(server, server.world.urls.evilMcp);
    expect(token).not.toBeNull();
    const call = await callTool(server.mcpUrl, token, 'read_file', { path: 'notes/plan.md' });
    if (attackerWins) {
      expect(call.status).toBe(200);
      expect(call.text).toContain(VICTIM_FILE);
    } else {
      expect(call.status).toBe(401);
      expect(call.challenge).toContain('error="invalid_token", error_description="token audience mismatch"');
      expect(server.lines.at(-1)).toContain('[S-06]');
    }
  });

  it('token-in-query: the token lands in the access log, and whoever reads the log replays it (C-24)', async () => {
    const { server, victim } = await setUp('token-in-query', defence, { clientId: undefined });
    expect(victim.outcome.kind).toBe('success');
    const line = [...server.world.mcp.accessLog].reverse().find((l) => l.startsWith('POST')) ?? '';
    const stolen = new URL(line.split(' ')[1] ?? 'http://x.invalid').searchParams.get('access_token');
    const call = await callTool(server.mcpUrl, stolen, 'read_file', { path: 'notes/plan.md' });
    if (attackerWins) {
      expect(stolen).not.toBeNull();
      expect(call.status).toBe(200);
      expect(call.text).toContain(VICTIM_FILE);
    } else {
      expect(stolen).toBeNull();
      expect(call.status).toBe(401);
      expect(call.text).not.toContain(VICTIM_FILE);
    }
  });

  it('code-replay: the leaked token request is sent a second time (A-17)', async () => {
    const { server, victim } = await setUp('code-replay', defence, { clientId: PREREGISTERED_CLIENT_ID });
    expect(victim.outcome.kind).toBe('success');
    const leaked = victim.exchanges.find((e) => e.url.endsWith('/auth/token'));
    const replay = await postForm(
      `${server.issuer}/token`,
      Object.fromEntries(new URLSearchParams(leaked?.requestBody ?? '')),
    );
    if (attackerWins) {
      expect(replay.status).toBe(200);
      const call = await callTool(server.mcpUrl, String(replay.body.access_token), 'read_file', {
        path: 'notes/plan.md',
      });
      expect(call.text).toContain(VICTIM_FILE);
    } else {
      expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
      // The replay was otherwise valid, so the victim's tokens are revoked, and the world's MCP server,
      // which introspects (RFC 7662), refuses the victim's access token from now on.
      const issued = victim.exchanges.find((e) => e.url.endsWith('/auth/token'));
      const accessToken = String(
        (JSON.parse(issued?.responseBody ?? '{}') as { access_token?: unknown }).access_token,
      );
      const after = await callTool(server.mcpUrl, accessToken, 'read_file', { path: 'notes/plan.md' });
      expect(after.status).toBe(401);
      expect(after.text).not.toContain(VICTIM_FILE);
    }
  });

  it('stolen-code-no-pkce: a local app holding the loopback port redeems the code first (C-26, A-16)', async () => {
    let stolen = '';
    const { server, victim } = await setUp('stolen-code-no-pkce', defence, {
      clientId: PREREGISTERED_CLIENT_ID,
      // The malicious app got the port first: it receives the redirect, the real client never does.
      browser: async (url, listener) => {
        const followed = await followRedirects(
          url,
          listener.redirectUri,
          exchangeFetch(() => undefined),
        );
        if (followed.kind === 'callback') stolen = followed.url.searchParams.get('code') ?? '';
        return { kind: 'no-callback', reason: 'another app answered on the loopback port' };
      },
    });
    expect(victim.outcome).toMatchObject({ kind: 'denied', error: 'no_callback' });
    expect(stolen).not.toBe('');
    const redeemed = await postForm(`${server.issuer}/token`, {
      grant_type: 'authorization_code',
      code: stolen,
      client_id: PREREGISTERED_CLIENT_ID,
      redirect_uri: victim.redirectUri,
      resource: server.mcpUrl,
    });
    if (attackerWins) {
      expect(redeemed.status).toBe(200);
      const call = await callTool(server.mcpUrl, String(redeemed.body.access_token), 'read_file', {
        path: 'notes/plan.md',
      });
      expect(call.text).toContain(VICTIM_FILE);
    } else {
      expect(redeemed).toMatchObject({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'code_verifier is required' },
      });
      expect(server.lines.at(-1)).toContain('PKCE check failed [A-16]');
    }
  });
});

describe('each side of a defence holds on its own, over the wire', () => {
  it('a client that skips PKCE meets an authorization server that enforces it: invalid_request, no code (A-16)', async () => {
    const server = await world({ autoApprove: true });
    const victim = await runRealClient({
      serverUrl: server.mcpUrl,
      follow: true,
      vulnerabilities: ['client-no-pkce'],
    });
    // The client registered itself (DCR), so its redirect URI is unreviewed: the error is shown on
    // the server's own page rather than redirected to it.
    expect(victim.outcome).toMatchObject({ kind: 'denied', error: 'no_callback' });
    const authorize = victim.exchanges.find((e) => new URL(e.url).pathname.endsWith('/authorize'));
    expect(authorize?.status).toBe(400);
    expect(victim.exchanges.some((e) => e.url.endsWith('/auth/token'))).toBe(false);
  });

  it('a client that puts the token in the URL meets a server that ignores it (S-24): 401, the challenge without error', async () => {
    const server = await world({ autoApprove: true });
    const victim = await runRealClient({
      serverUrl: server.mcpUrl,
      follow: true,
      vulnerabilities: ['client-token-in-query'],
    });
    expect(victim.outcome.kind).toBe('failed');
    const last = victim.exchanges.at(-1);
    expect(last?.status).toBe(401);
    const challenge = last?.responseHeaders.find(([n]) => n === 'www-authenticate')?.[1] ?? '';
    expect(challenge).toContain('resource_metadata=');
    expect(challenge).not.toContain('error=');
  });

  it("the honest flow still completes with each attack's overrides on", async () => {
    for (const attack of [
      'wrong-audience',
      'code-replay',
      'token-in-query',
      'stolen-code-no-pkce',
    ] as const) {
      const server = await world({ autoApprove: true, attack });
      const victim = await runRealClient({ serverUrl: server.mcpUrl, follow: true, attack });
      expect(victim.outcome.kind, attack).toBe('success');
    }
  });
});
