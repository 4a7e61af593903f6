/**
 * "Nothing forged": an authorization code buys tokens once, under any race (A-17, OAuth 2.1
 * §4.1.3); a replay revokes what the code bought only when it is otherwise valid (§7.5.3); and a
 * revocation means something at the MCP server, which learns of it by introspection (RFC 7662).
 */
import { describe, expect, it } from 'vitest';
import { codeFor, redeem, token } from './authFlow';
import { mcpBody, mcpHeaders, send, world } from './helpers';

async function callTools(w: ReturnType<typeof world>, accessToken: string) {
  const res = await send(
    w,
    w.urls.mcp,
    {
      method: 'POST',
      step: 'mcp-request',
      headers: mcpHeaders('tools/list', { Authorization: `Bearer ${accessToken}` }),
      body: mcpBody('tools/list'),
    },
    'client',
  );
  return { status: res.status, challenge: res.headers.get('www-authenticate') ?? '' };
}

describe('an authorization code is single-use, also under concurrency (A-17)', () => {
  it('20 parallel token requests with one code: exactly one gets tokens', async () => {
    for (let trial = 0; trial < 5; trial++) {
      const w = world({ seed: `race-${trial}` });
      const code = await codeFor(w);
      const results = await Promise.all(Array.from({ length: 20 }, () => redeem(w, code)));
      const granted = results.filter((r) => r.status === 200);
      expect(granted).toHaveLength(1);
      expect(results.filter((r) => r.status === 400 && r.body.error === 'invalid_grant')).toHaveLength(19);
      // Every other request was a valid replay: whatever the code bought is revoked, every family of it.
      const issued = w.as.codes.get(code)?.issued ?? [];
      expect(issued).toHaveLength(1);
      for (const { jti, family } of issued) {
        expect(w.as.revokedJtis.get(jti)).toBe('A-17');
        expect(family && w.as.revokedFamilies.get(family)).toBe('A-17');
      }
    }
  });

  it('a replay without the code_verifier is denied and revokes nothing (OAuth 2.1 §7.5.3)', async () => {
    const w = world();
    const code = await codeFor(w);
    const first = await redeem(w, code);
    expect(first.status).toBe(200);
    const replay = await token(w, {
      grant_type: 'authorization_code',
      code,
      client_id: 'mcp-sim-desktop',
      redirect_uri: w.urls.callback,
      resource: w.urls.mcp,
    });
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(String(replay.body.error_description)).toContain('nothing is revoked');
    expect(w.as.revokedJtis.size).toBe(0);
    expect(w.as.revokedFamilies.size).toBe(0);
    // The victim's refresh token still works.
    const refreshed = await token(w, {
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
      client_id: 'mcp-sim-desktop',
    });
    expect(refreshed.status).toBe(200);
  });

  it('a replay from another client is denied and revokes nothing', async () => {
    const w = world();
    const code = await codeFor(w);
    expect((await redeem(w, code)).status).toBe(200);
    const replay = await redeem(w, code, { client_id: 'someone-else' });
    expect(replay.status).toBe(400);
    expect(w.as.revokedFamilies.size).toBe(0);
  });

  it('a failed first attempt (a wrong verifier) does not use the code up: the holder of the verifier still can', async () => {
    const w = world();
    const code = await codeFor(w);
    expect((await redeem(w, code, { code_verifier: 'x'.repeat(43) })).status).toBe(400);
    expect((await redeem(w, code)).status).toBe(200);
  });

  it('an otherwise valid replay revokes the refresh family and the access token', async () => {
    const w = world();
    const code = await codeFor(w);
    const first = await redeem(w, code);
    const replay = await redeem(w, code);
    // vitest types its asymmetric matchers `any`: held as unknown, it matches without leaking `any`.
    const saysRevoked: unknown = expect.stringContaining('revoked');
    expect(replay).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: saysRevoked },
    });
    const refreshed = await token(w, {
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
      client_id: 'mcp-sim-desktop',
    });
    expect(refreshed).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'refresh token revoked after a code replay' },
    });
  });
});

describe('a revoked access token is refused where the MCP server introspects', () => {
  it('200 before the replay, 401 invalid_token after it', async () => {
    const w = world({ introspection: true });
    const code = await codeFor(w);
    const first = await redeem(w, code);
    const accessToken = String(first.body.access_token);
    expect((await callTools(w, accessToken)).status).toBe(200);
    await redeem(w, code);
    const after = await callTools(w, accessToken);
    expect(after.status).toBe(401);
    expect(after.challenge).toContain('error="invalid_token"');
    const check = w.recorder.events.findLast((e) => e.kind === 'internal' && e.stepId === 'validate-token');
    expect(check).toMatchObject({ outcome: 'refused', rule: 'S-05' });
    expect(check?.kind === 'internal' && check.detail.checks?.at(-1)).toMatchObject({
      label: 'Active (introspection)',
      status: 'fail',
    });
  });

  it('a server that only validates the JWT says so, and keeps accepting the token until it expires', async () => {
    const w = world();
    const code = await codeFor(w);
    const first = await redeem(w, code);
    await redeem(w, code);
    expect((await callTools(w, String(first.body.access_token))).status).toBe(200);
    const check = w.recorder.events.findLast((e) => e.kind === 'internal' && e.stepId === 'validate-token');
    expect(check?.kind === 'internal' && check.detail.summary).toMatch(/stays usable here until its exp/);
  });

  it('the introspection endpoint answers only an authenticated resource server, and only "active: false" otherwise', async () => {
    const w = world();
    const code = await codeFor(w);
    const first = await redeem(w, code);
    const anonymous = await send(w, `${w.urls.issuer}/introspect`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: String(first.body.access_token),
        client_id: 'mcp-sim-desktop',
      }).toString(),
    });
    expect(anonymous.status).toBe(401);
    const mcp = w.as.clients.get('mcp-files-server');
    const ask = (value: string) =>
      send(w, `${w.urls.issuer}/introspect`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: `Basic ${btoa(`mcp-files-server:${mcp?.client_secret ?? ''}`)}`,
        },
        body: new URLSearchParams({ token: value }).toString(),
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    expect(await ask(String(first.body.access_token))).toMatchObject({ active: true, aud: w.urls.mcp });
    expect(await ask('not-a-token')).toEqual({ active: false });
  });
});
