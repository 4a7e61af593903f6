/**
 * Item 5 of "Nothing forged, nothing lost", the memory half: a bounded hostile soak. Clients that
 * register and never return, consent pages never answered, codes never redeemed, files written
 * without end, large bodies for the exchange log: every store stays within its bound, the world's
 * own data stays, and the newest client still works. Small bounds keep it to a few seconds; the
 * process's memory over 10,000 flows is measured by `npm run bench realwire`.
 */
import { describe, expect, it } from 'vitest';
import { PREREGISTERED_CLIENT_ID } from '../../src/sim/servers/auth/state';
import { TRANSACTION_TTL } from '../../src/sim/world/store';
import { callTool, codeFlow, stopServersAfterEach, world } from './helpers';

stopServersAfterEach();

const bounds = {
  clients: 8,
  codes: 8,
  transactions: 5,
  refreshTokens: 8,
  revocations: 8,
  consents: 8,
  carts: 8,
  users: 8,
  filesPerUser: 6,
};
const keep = { exchanges: 40, exchangeChars: 60_000, logLines: 12 };
const ROUNDS = 30;

describe('a bounded hostile soak', () => {
  it('full flows, tool calls and large bodies: every store stays within its bound, and the newest client works', async () => {
    const server = await world({ autoApprove: true, bounds, keep });
    const preregistered = [...server.world.as.clients.keys()];
    const flow = async () => {
      const { clientId, status, body } = await codeFlow(server, {
        refresh: true,
        scope: 'files:read files:write',
      });
      expect(status).toBe(200);
      return { clientId, accessToken: String(body.access_token), refreshToken: String(body.refresh_token) };
    };
    let last = await flow();
    for (let i = 0; i < ROUNDS; i++) {
      last = await flow();
      const wrote = await callTool(server.mcpUrl, last.accessToken, 'write_file', {
        path: `junk/${i}.txt`,
        content: 'x'.repeat(8_000),
      });
      expect(wrote.status).toBe(200);
      // A large body the handlers refuse, but the exchange log would keep.
      await fetch(server.mcpUrl, { method: 'POST', body: 'y'.repeat(20_000) });
    }
    const { as, mcp } = server.world;
    const dcr = [...as.clients.values()].filter((c) => c.source === 'dcr');
    expect(dcr.length).toBe(bounds.clients - preregistered.length);
    expect([...as.clients.keys()].slice(0, preregistered.length)).toEqual(preregistered);
    expect(as.codes.size).toBeLessThanOrEqual(bounds.codes);
    expect(as.refreshTokens.size).toBeLessThanOrEqual(bounds.refreshTokens);
    const files = mcp.files.get('user-7f3a');
    expect(files?.size).toBe(bounds.filesPerUser);
    expect(files?.has('notes/plan.md')).toBe(true); // the user's own file is never the one forgotten
    for (const list of [mcp.accessLog, mcp.calls]) expect(list.length).toBeLessThanOrEqual(keep.logLines);
    expect(server.exchanges.length).toBeLessThanOrEqual(keep.exchanges);
    const chars = server.exchanges.reduce(
      (n, e) => n + (e.requestBody?.length ?? 0) + (e.responseBody?.length ?? 0),
      0,
    );
    expect(chars).toBeLessThanOrEqual(keep.exchangeChars);
    // The newest client, its token and its refresh token still work.
    expect((await callTool(server.mcpUrl, last.accessToken, 'list_files')).status).toBe(200);
    const refreshed = await fetch(`${server.issuer}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: last.refreshToken,
        client_id: last.clientId,
      }).toString(),
    });
    expect(refreshed.status).toBe(200);
    expect(as.clients.has(PREREGISTERED_CLIENT_ID)).toBe(true);
  });

  it("consent pages never answered are capped, and forgotten when their time is up on the world's clock", async () => {
    const server = await world({ bounds, keep });
    for (let i = 0; i < ROUNDS; i++) {
      const url = new URL(`${server.issuer}/authorize`);
      for (const [k, v] of Object.entries({
        response_type: 'code',
        client_id: PREREGISTERED_CLIENT_ID,
        redirect_uri: 'http://127.0.0.1:9/callback',
        state: `s${i}`,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
        scope: 'files:read',
        resource: server.mcpUrl,
      }))
        url.searchParams.set(k, v);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Approve');
    }
    const { transactions } = server.world.as;
    expect(transactions.size).toBe(bounds.transactions);
    server.world.clock.advance(TRANSACTION_TTL);
    expect(transactions.has([...transactions.keys()].at(-1) ?? '')).toBe(false);
    expect(transactions.size).toBe(0);
  });
});
