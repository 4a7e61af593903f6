/**
 * Every rule the authorization server enforces, each with its exact status and error (docs/reference §4.2,
 * §4.3): the negative side of the happy path in flow.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { challengeS256 } from '../src/sim/crypto/pkce';
import type { World } from '../src/sim/world/world';
import { approve, authorizeUrl, CHALLENGE, codeFor, redeem, token, VERIFIER } from './authFlow';
import { send, sessionCookie, world } from './helpers';

describe('authorization endpoint', () => {
  it('redirects back with code, state and iss after consent', async () => {
    const w = world();
    const location = await approve(w, authorizeUrl(w));
    expect(location.origin + location.pathname).toBe(w.urls.callback);
    expect(location.searchParams.get('state')).toBe('st4te');
    expect(location.searchParams.get('iss')).toBe(w.urls.issuer);
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    ['mismatched redirect_uri', { redirect_uri: 'https://attacker.example/cb' }, 'invalid_request'],
    ['redirect_uri on another path', { redirect_uri: 'http://127.0.0.1:33418/other' }, 'invalid_request'],
    ['missing redirect_uri', { redirect_uri: null }, 'invalid_request'],
    ['unknown client', { client_id: 'nobody' }, 'invalid_client'],
    ['missing client_id', { client_id: null }, 'invalid_request'],
    [
      'a client_id with an injected parameter',
      { client_id: 'mcp-sim-desktop&client_id=x' },
      'invalid_client',
    ],
  ])('%s: an error page, never a redirect', async (_, overrides, error) => {
    const w = world();
    const res = await send(w, authorizeUrl(w, overrides), { headers: sessionCookie(w) }, 'browser');
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain(error);
  });

  it('accepts any port on the loopback redirect (RFC 8252 §7.3), but not localhost for 127.0.0.1', async () => {
    const w = world();
    const ok = await send(
      w,
      authorizeUrl(w, { redirect_uri: 'http://127.0.0.1:51000/callback' }),
      { headers: sessionCookie(w) },
      'browser',
    );
    expect(ok.status).toBe(200);
    const bad = await send(
      w,
      authorizeUrl(w, { redirect_uri: 'http://localhost:33418/callback' }),
      { headers: sessionCookie(w) },
      'browser',
    );
    expect(bad.status).toBe(400);
  });

  it.each([
    ['missing code_challenge', { code_challenge: null, code_challenge_method: null }, 'invalid_request'],
    ['plain method', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['method omitted (means plain)', { code_challenge_method: null }, 'invalid_request'],
    ['malformed challenge', { code_challenge: 'short' }, 'invalid_request'],
    ['missing resource', { resource: null }, 'invalid_target'],
    ['unknown resource', { resource: 'https://elsewhere.example/mcp' }, 'invalid_target'],
    ['resource with fragment', { resource: 'https://mcp.example.com/mcp#x' }, 'invalid_target'],
    ['unknown scope', { scope: 'root:everything' }, 'invalid_scope'],
    ['token response type', { response_type: 'token' }, 'unsupported_response_type'],
  ])(
    '%s: redirects the error to the verified redirect_uri with state and iss',
    async (_, overrides, error) => {
      const w = world();
      const res = await send(w, authorizeUrl(w, overrides), { headers: sessionCookie(w) }, 'browser');
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get('location') ?? '');
      expect(location.origin + location.pathname).toBe(w.urls.callback);
      expect(location.searchParams.get('error')).toBe(error);
      expect(location.searchParams.get('state')).toBe('st4te');
      expect(location.searchParams.get('iss')).toBe(w.urls.issuer);
      expect(location.searchParams.get('code')).toBeNull();
    },
  );

  describe('A-13: errors are redirected only to redirect URIs the server trusts', () => {
    async function phishingClient(w: World): Promise<string> {
      const res = await send(w, `${w.urls.issuer}/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          redirect_uris: ['https://attacker.example/welcome'],
          token_endpoint_auth_method: 'none',
        }),
      });
      return String(((await res.json()) as Record<string, unknown>).client_id);
    }

    /** The victim opens the attacker's link: her own client, a scope that does not exist (docs/reference §5.3 b). */
    async function phishingLink(w: World): Promise<Response> {
      const url = authorizeUrl(w, {
        client_id: await phishingClient(w),
        redirect_uri: 'https://attacker.example/welcome',
        scope: 'files:everything',
      });
      return send(w, url, { headers: sessionCookie(w) }, 'browser');
    }

    it("a self-registered (DCR) client's error is shown on the server's page, not redirected", async () => {
      const res = await phishingLink(world());
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      const html = await res.text();
      expect(html).toContain('invalid_scope');
      // The user may still decide to go back (OAuth 2.1 §7.12.2): a link, not a redirect.
      expect(html).toContain('href="https://attacker.example/welcome"');
    });

    it('with the override, the same error is redirected to the unreviewed URI', async () => {
      const res = await phishingLink(world({ vulnerabilities: ['as-redirect-errors-untrusted'] }));
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(
        /^https:\/\/attacker\.example\/welcome\?error=invalid_scope/,
      );
    });
  });

  describe('as-pkce-plain-only: a server that offers only plain', () => {
    it('lists only plain, refuses S256, and takes the verifier itself as the challenge', async () => {
      const w = world({ vulnerabilities: ['as-pkce-plain-only'] });
      const meta = (await (
        await send(w, `${w.urls.issuer}/.well-known/oauth-authorization-server`)
      ).json()) as Record<string, unknown>;
      expect(meta.code_challenge_methods_supported).toEqual(['plain']);
      const refused = await send(w, authorizeUrl(w), { headers: sessionCookie(w) }, 'browser');
      expect(new URL(refused.headers.get('location') ?? '').searchParams.get('error')).toBe(
        'invalid_request',
      );
      const code = await codeFor(w, { code_challenge: VERIFIER, code_challenge_method: 'plain' });
      expect((await redeem(w, code, { code_verifier: CHALLENGE })).body.error).toBe('invalid_grant');
      const again = await codeFor(w, { code_challenge: VERIFIER, code_challenge_method: 'plain' });
      expect((await redeem(w, again)).status).toBe(200);
    });
  });

  describe('as-no-pkce-support: a server from before PKCE', () => {
    it('has no code_challenge_methods_supported, and ignores the challenge and the verifier', async () => {
      const w = world({ vulnerabilities: ['as-no-pkce-support'] });
      const meta = await send(w, `${w.urls.issuer}/.well-known/oauth-authorization-server`);
      expect((await meta.json()) as Record<string, unknown>).not.toHaveProperty(
        'code_challenge_methods_supported',
      );
      const code = await codeFor(w);
      // No verifier, and the code is still redeemed: the challenge was never bound to it.
      const res = await token(w, {
        grant_type: 'authorization_code',
        code,
        client_id: 'mcp-sim-desktop',
        redirect_uri: w.urls.callback,
        resource: w.urls.mcp,
      });
      expect(res.status).toBe(200);
      expect(res.body.access_token).toEqual(expect.any(String));
    });
  });

  it('refuses a forged consent decision (wrong CSRF token)', async () => {
    const w = world();
    await send(w, authorizeUrl(w), { headers: sessionCookie(w) }, 'browser');
    const [transaction] = w.as.transactions.keys();
    const res = await send(
      w,
      `${w.urls.issuer}/authorize/decision`,
      {
        method: 'POST',
        headers: { ...sessionCookie(w), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          transaction: transaction ?? '',
          csrf: 'guess',
          decision: 'approve',
        }).toString(),
      },
      'attacker',
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it('fetches a metadata document for a URL client_id, and refuses one whose client_id differs from its URL', async () => {
    const w = world({
      extraHandlers: () => [],
    });
    const good = await send(
      w,
      authorizeUrl(w, { client_id: w.urls.cimd }),
      { headers: sessionCookie(w) },
      'browser',
    );
    expect(good.status).toBe(200);
    const bad = await send(
      w,
      authorizeUrl(w, { client_id: 'https://app.example.com/oauth/missing.json' }),
      { headers: sessionCookie(w) },
      'browser',
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('invalid_client');
  });
});

describe('token endpoint', () => {
  it('issues an audience-bound JWT once per code, with Cache-Control: no-store', async () => {
    const w = world();
    const res = await redeem(w, await codeFor(w));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ token_type: 'Bearer', scope: 'files:read', expires_in: 3600 });
  });

  it('wrong code_verifier: 400 invalid_grant', async () => {
    const w = world();
    const res = await redeem(w, await codeFor(w), { code_verifier: 'x'.repeat(43) });
    expect(res).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'code_verifier does not match the challenge' },
    });
  });

  it('missing code_verifier: 400 invalid_grant', async () => {
    const w = world();
    const code = await codeFor(w);
    const res = await token(w, {
      grant_type: 'authorization_code',
      code,
      client_id: 'mcp-sim-desktop',
      redirect_uri: w.urls.callback,
      resource: w.urls.mcp,
    });
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('reused code: 400 invalid_grant, and the grant from the first redemption is revoked', async () => {
    const w = world();
    const code = await codeFor(w);
    const first = await redeem(w, code);
    expect(first.status).toBe(200);
    const second = await redeem(w, code);
    expect(second).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const family = w.as.codes.get(code)?.issued[0]?.family ?? '';
    expect(w.as.revokedFamilies.get(family)).toBe('A-17');
  });

  it('mismatched redirect_uri at the token endpoint: invalid_grant', async () => {
    const w = world();
    const res = await redeem(w, await codeFor(w), { redirect_uri: 'http://127.0.0.1:33418/other' });
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('a code issued to another client: invalid_grant', async () => {
    const w = world();
    const code = await codeFor(w);
    const reg = await send(w, `${w.urls.issuer}/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        redirect_uris: [w.urls.callback],
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
      }),
    });
    const { client_id } = (await reg.json()) as { client_id: string };
    const res = await redeem(w, code, { client_id });
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('an expired code: invalid_grant', async () => {
    const w = world();
    const code = await codeFor(w);
    w.clock.advance(61);
    expect(await redeem(w, code)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'authorization code expired' },
    });
  });

  it('a resource other than the authorized one: invalid_target', async () => {
    const w = world();
    const res = await redeem(w, await codeFor(w), { resource: w.urls.evilMcp });
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_target' } });
  });

  it('unknown client: invalid_client; bad Basic credentials: 401 with a challenge', async () => {
    const w = world();
    expect(
      await token(w, { grant_type: 'authorization_code', code: 'x', client_id: 'nobody' }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
    const basic = await token(
      w,
      { grant_type: 'client_credentials', resource: w.urls.mcp },
      { Authorization: `Basic ${btoa('mcp-sim-reporting-bot:wrong')}` },
    );
    expect(basic).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(basic.headers.get('www-authenticate')).toContain('Basic');
  });

  it('unsupported or missing grant_type', async () => {
    const w = world();
    expect(await token(w, { grant_type: 'password', client_id: 'mcp-sim-desktop' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await token(w, { client_id: 'mcp-sim-desktop' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
  });

  it('a verifier for a code issued without a challenge: invalid_request', async () => {
    const w = world({ vulnerabilities: ['as-pkce-optional'] });
    const code = await codeFor(w, { code_challenge: null, code_challenge_method: null });
    expect(await redeem(w, code)).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('refresh tokens rotate; a rotated one used again revokes the grant (A-15)', async () => {
    const w = world();
    const first = await redeem(w, await codeFor(w));
    const rt1 = String(first.body.refresh_token);
    const second = await token(w, {
      grant_type: 'refresh_token',
      refresh_token: rt1,
      client_id: 'mcp-sim-desktop',
      resource: w.urls.mcp,
    });
    expect(second.status).toBe(200);
    const rt2 = String(second.body.refresh_token);
    expect(rt2).not.toBe(rt1);
    const replay = await token(w, {
      grant_type: 'refresh_token',
      refresh_token: rt1,
      client_id: 'mcp-sim-desktop',
    });
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const legit = await token(w, {
      grant_type: 'refresh_token',
      refresh_token: rt2,
      client_id: 'mcp-sim-desktop',
    });
    expect(legit).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'refresh token revoked after reuse' },
    });
  });

  it('a refresh cannot widen the scope', async () => {
    const w = world();
    const first = await redeem(w, await codeFor(w));
    const res = await token(w, {
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
      client_id: 'mcp-sim-desktop',
      scope: 'files:read files:write',
    });
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
  });

  it('the challenge of RFC 7636 Appendix B verifies', async () => {
    expect(await challengeS256(VERIFIER)).toBe(CHALLENGE);
  });
});

describe('registration endpoint', () => {
  async function register(w: World, body: unknown, contentType = 'application/json') {
    const res = await send(w, `${w.urls.issuer}/register`, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('registers a native public client without a secret', async () => {
    const res = await register(world(), {
      redirect_uris: ['http://127.0.0.1:33418/callback'],
      application_type: 'native',
      token_endpoint_auth_method: 'none',
    });
    expect(res.status).toBe(201);
    expect(res.body.client_id).toBeTruthy();
    expect(res.body.client_secret).toBeUndefined();
  });

  it.each([
    [
      'a loopback redirect without application_type (defaults to web)',
      { redirect_uris: ['http://127.0.0.1:33418/callback'] },
      'invalid_redirect_uri',
    ],
    [
      'plain http to a remote host',
      { redirect_uris: ['http://app.example.com/cb'], application_type: 'web' },
      'invalid_redirect_uri',
    ],
    ['no redirect_uris', { application_type: 'native' }, 'invalid_redirect_uri'],
    [
      'a fragment',
      { redirect_uris: ['https://app.example.com/cb#x'], application_type: 'web' },
      'invalid_redirect_uri',
    ],
    [
      'an unknown application_type',
      { redirect_uris: ['https://app.example.com/cb'], application_type: 'tv' },
      'invalid_client_metadata',
    ],
    ['an array body', [], 'invalid_client_metadata'],
  ])('%s: 400 %s', async (_, body, error) => {
    expect(await register(world(), body)).toMatchObject({ status: 400, body: { error } });
  });

  it('malformed JSON: 400 invalid_client_metadata', async () => {
    expect(await register(world(), '{"redirect_uris": [')).toMatchObject({
      status: 400,
      body: { error: 'invalid_client_metadata' },
    });
  });
});
