/**
 * DPoP (RFC 9449; on the MCP roadmap, in no published revision): the helpers against the RFC's own
 * examples, the flow as §5 and §7 draw it, and each check of the MCP server (S-51..S-57) and of the
 * token endpoint refusing with its exact error and rule.
 */
import { describe, expect, it } from 'vitest';
import {
  accessTokenHash,
  deriveSigningKey,
  jwkThumbprint,
  keyedByThumbprint,
  peekJwt,
  publicJwkOf,
  signJws,
} from '../src/sim/crypto/jwt';
import type { SigningKey } from '../src/sim/crypto/jwt';
import { runFlow } from '../src/sim/flow/simulation';
import { endpoints } from '../src/sim/servers/auth/metadata';
import { headerValue } from '../src/sim/trace/types';
import type { RequestEvent, ResponseEvent, TraceEvent } from '../src/sim/trace/types';
import { createRng } from '../src/sim/world/random';
import type { World } from '../src/sim/world/world';
import { issueTokens } from '../src/sim/servers/auth/tokens';
import { DEMO_USER, PREREGISTERED_CLIENT_ID } from '../src/sim/servers/auth/state';
import { mcpHeaders, mcpBody, send, world } from './helpers';

const requests = (trace: readonly TraceEvent[], step: string) =>
  trace.filter((e): e is RequestEvent => e.kind === 'request' && e.stepId === step);
const responses = (trace: readonly TraceEvent[], step: string) =>
  trace.filter((e): e is ResponseEvent => e.kind === 'response' && e.stepId === step);

describe('the helpers, against RFC 9449', () => {
  it('computes the JWK thumbprint of the §6.1 example (cnf.jkt)', () => {
    expect(
      jwkThumbprint({
        kty: 'EC',
        crv: 'P-256',
        x: 'l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs',
        y: '9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA',
      }),
    ).toBe('0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I');
  });

  it('computes the ath of the §7.1 example', () => {
    expect(accessTokenHash('Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU')).toBe(
      'fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo',
    );
  });
});

describe('the DPoP flow', () => {
  it('proves possession at the token endpoint and gets a token bound to its key (C-77, A-57)', async () => {
    const run = await runFlow({ seed: 'dpop', scenario: 'dpop', registration: 'cimd' });
    expect(run.outcome.kind).toBe('success');
    const token = requests(run.trace, 'token')[0];
    const proof = peekJwt(headerValue(token?.request.headers ?? [], 'dpop') ?? '');
    expect(proof?.header).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256' });
    expect(proof?.header.jwk).not.toHaveProperty('d');
    expect(proof?.payload).toMatchObject({
      htm: 'POST',
      htu: endpoints(run.world.urls.issuer).token_endpoint,
    });
    expect(proof?.payload.ath).toBeUndefined();
    const body = JSON.parse(responses(run.trace, 'token')[0]?.response?.body ?? '{}') as Record<
      string,
      unknown
    >;
    expect(body.token_type).toBe('DPoP');
    const jkt = jwkThumbprint(proof?.header.jwk as Parameters<typeof jwkThumbprint>[0]);
    expect(peekJwt(String(body.access_token))?.payload.cnf).toEqual({ jkt });
  });

  it('sends every MCP request with the DPoP scheme and a fresh proof bound to the token (C-76)', async () => {
    const run = await runFlow({ seed: 'dpop', scenario: 'dpop', registration: 'cimd' });
    const calls = requests(run.trace, 'mcp-request');
    expect(calls.length).toBe(3);
    const jtis = new Set<string>();
    for (const call of calls) {
      const auth = headerValue(call.request.headers, 'authorization') ?? '';
      expect(auth).toMatch(/^DPoP /);
      const proof = peekJwt(headerValue(call.request.headers, 'dpop') ?? '');
      expect(proof?.payload).toMatchObject({
        htm: 'POST',
        htu: run.world.urls.mcp,
        ath: accessTokenHash(auth.slice(5)),
      });
      jtis.add(String(proof?.payload.jti));
    }
    expect(jtis.size).toBe(calls.length);
  });

  it("asks for the server's nonce once, and the client retries with it (S-55, C-78)", async () => {
    const run = await runFlow({ seed: 'dpop', scenario: 'dpop', registration: 'cimd' });
    const [first, second] = responses(run.trace, 'mcp-request');
    expect(first?.response?.status).toBe(401);
    expect(headerValue(first?.response?.headers ?? [], 'www-authenticate')).toMatch(
      /^DPoP error="use_dpop_nonce"/,
    );
    const nonce = headerValue(first?.response?.headers ?? [], 'dpop-nonce');
    expect(nonce).toBeTruthy();
    expect(first?.mark).toBeUndefined(); // a challenge, not a stop
    expect(second?.response?.status).toBe(200);
    const retry = requests(run.trace, 'mcp-request')[1];
    expect(peekJwt(headerValue(retry?.request.headers ?? [], 'dpop') ?? '')?.payload.nonce).toBe(nonce);
  });

  it('is deterministic by seed: the same proofs', async () => {
    const a = await runFlow({ seed: 'same', scenario: 'dpop', registration: 'preregistered' });
    const b = await runFlow({ seed: 'same', scenario: 'dpop', registration: 'preregistered' });
    expect(requests(a.trace, 'mcp-request')).toEqual(requests(b.trace, 'mcp-request'));
  });

  it('a client that skips DPoP gets a Bearer token, which works for whoever holds it', async () => {
    const run = await runFlow({
      seed: 'dpop',
      scenario: 'dpop',
      registration: 'cimd',
      vulnerabilities: ['client-no-dpop'],
    });
    expect(run.outcome.kind).toBe('success');
    const body = JSON.parse(responses(run.trace, 'token')[0]?.response?.body ?? '{}') as Record<
      string,
      unknown
    >;
    expect(body.token_type).toBe('Bearer');
  });

  it('advertises DPoP in both metadata documents', async () => {
    const w = world();
    const as = (await (
      await send(w, `${w.urls.issuer}/.well-known/oauth-authorization-server`)
    ).json()) as Record<string, unknown>;
    expect(as.dpop_signing_alg_values_supported).toEqual(['ES256']);
    const prm = (await (
      await send(w, `${new URL(w.urls.mcp).origin}/.well-known/oauth-protected-resource/mcp`)
    ).json()) as Record<string, unknown>;
    expect(prm).toMatchObject({
      dpop_signing_alg_values_supported: ['ES256'],
      dpop_bound_access_tokens_required: false,
    });
  });
});

/** A token bound to `key`, issued by the world's AS as it issues one. */
function boundToken(w: World, key: SigningKey): string {
  const client = w.as.clients.get(PREREGISTERED_CLIENT_ID);
  if (!client) throw new Error('no client');
  return issueTokens(w, {
    client,
    sub: DEMO_USER.sub,
    scope: 'files:read',
    resource: w.urls.mcp,
    withRefresh: false,
    jkt: jwkThumbprint(key.publicJwk),
  }).accessToken;
}

function proof(
  w: World,
  key: SigningKey,
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): string {
  return signJws(
    { typ: 'dpop+jwt', jwk: publicJwkOf(key), ...header },
    {
      jti: typeof claims.jti === 'string' ? claims.jti : `p-${Math.random()}`,
      htm: 'POST',
      htu: w.urls.mcp,
      iat: w.clock.now(),
      ...claims,
    },
    key,
  );
}

async function call(w: World, headers: Record<string, string>) {
  const res = await send(w, w.urls.mcp, {
    method: 'POST',
    headers: { ...mcpHeaders('tools/list'), ...headers },
    body: mcpBody('tools/list'),
  });
  const last = w.recorder.events.findLast((e) => e.kind === 'response');
  return {
    status: res.status,
    challenge: res.headers.get('www-authenticate') ?? '',
    nonce: res.headers.get('dpop-nonce'),
    rule: last?.kind === 'response' ? last.refusal?.rule : undefined,
  };
}

/** The server's current nonce, learnt the way a client learns it. */
async function nonceOf(w: World, key: SigningKey, token: string): Promise<string> {
  const r = await call(w, {
    Authorization: `DPoP ${token}`,
    DPoP: proof(w, key, { ath: accessTokenHash(token) }),
  });
  return r.nonce ?? '';
}

describe('the MCP server checks proof and binding (S-51..S-57)', () => {
  const key = keyedByThumbprint(deriveSigningKey(createRng('client key'), ''));
  const thief = keyedByThumbprint(deriveSigningKey(createRng('thief key'), ''));

  async function setup() {
    const w = world();
    const token = boundToken(w, key);
    const nonce = await nonceOf(w, key, token);
    const dpop = (claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}, k = key) =>
      proof(w, k, { ath: accessTokenHash(token), nonce, ...claims }, header);
    return { w, token, nonce, dpop };
  }

  it('accepts a valid proof with its nonce', async () => {
    const { w, token, dpop } = await setup();
    expect((await call(w, { Authorization: `DPoP ${token}`, DPoP: dpop() })).status).toBe(200);
  });

  it('without its nonce: 401 use_dpop_nonce with a DPoP-Nonce header (S-55)', async () => {
    const w = world();
    const token = boundToken(w, key);
    const r = await call(w, {
      Authorization: `DPoP ${token}`,
      DPoP: proof(w, key, { ath: accessTokenHash(token) }),
    });
    expect(r).toMatchObject({ status: 401, rule: 'S-55' });
    expect(r.challenge).toMatch(/^DPoP error="use_dpop_nonce".*algs="ES256"/);
    expect(r.nonce).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  });

  it('refuses a bound token sent as Bearer (S-56)', async () => {
    const { w, token } = await setup();
    const r = await call(w, { Authorization: `Bearer ${token}` });
    expect(r).toMatchObject({ status: 401, rule: 'S-56' });
    expect(r.challenge).toMatch(/^Bearer error="invalid_token"/);
  });

  it('refuses the DPoP scheme without a proof, or with two (S-51)', async () => {
    const { w, token, dpop } = await setup();
    expect(await call(w, { Authorization: `DPoP ${token}` })).toMatchObject({ status: 401, rule: 'S-51' });
    const two = await call(w, { Authorization: `DPoP ${token}`, DPoP: `${dpop()}, ${dpop()}` });
    expect(two).toMatchObject({ status: 401, rule: 'S-51' });
    expect(two.challenge).toMatch(/error="invalid_dpop_proof"/);
  });

  it('refuses a malformed proof: typ, alg none, a private key in jwk, missing claims (S-51)', async () => {
    const { w, token, dpop } = await setup();
    for (const bad of [
      dpop({}, { typ: 'JWT' }),
      dpop({}, { jwk: { ...publicJwkOf(key), d: 'secret' } }),
      `${dpop().split('.').slice(0, 2).join('.')}.`,
      'not-a-jwt',
    ])
      expect(await call(w, { Authorization: `DPoP ${token}`, DPoP: bad })).toMatchObject({
        status: 401,
        rule: 'S-51',
      });
  });

  it('refuses a proof for another method or another URL (S-51)', async () => {
    const { w, token, dpop } = await setup();
    expect(await call(w, { Authorization: `DPoP ${token}`, DPoP: dpop({ htm: 'GET' }) })).toMatchObject({
      rule: 'S-51',
    });
    const r = await call(w, {
      Authorization: `DPoP ${token}`,
      DPoP: dpop({ htu: 'https://evil-mcp.example/mcp' }),
    });
    expect(r).toMatchObject({ status: 401, rule: 'S-51' });
    expect(r.challenge).toMatch(/error="invalid_dpop_proof"/);
  });

  it('ignores case, default port and query when comparing htu (RFC 9449 §4.3)', async () => {
    const { w, token, dpop } = await setup();
    expect(
      (
        await call(w, {
          Authorization: `DPoP ${token}`,
          DPoP: dpop({ htu: 'HTTPS://MCP.EXAMPLE.COM:443/mcp?x=1' }),
        })
      ).status,
    ).toBe(200);
  });

  it('refuses a proof for another token (ath) or by another key (cnf.jkt): invalid_token (S-52)', async () => {
    const { w, token, dpop } = await setup();
    const otherHash = await call(w, {
      Authorization: `DPoP ${token}`,
      DPoP: dpop({ ath: accessTokenHash('another') }),
    });
    expect(otherHash).toMatchObject({ status: 401, rule: 'S-52' });
    expect(otherHash.challenge).toMatch(/error="invalid_token"/);
    expect(await call(w, { Authorization: `DPoP ${token}`, DPoP: dpop({}, {}, thief) })).toMatchObject({
      rule: 'S-52',
    });
  });

  it('refuses a stale proof (S-53) and a replayed one (S-54)', async () => {
    const { w, token, dpop } = await setup();
    expect(
      await call(w, { Authorization: `DPoP ${token}`, DPoP: dpop({ iat: w.clock.now() - 301 }) }),
    ).toMatchObject({
      rule: 'S-53',
    });
    const once = dpop({ jti: 'once' });
    expect((await call(w, { Authorization: `DPoP ${token}`, DPoP: once })).status).toBe(200);
    expect(await call(w, { Authorization: `DPoP ${token}`, DPoP: once })).toMatchObject({
      status: 401,
      rule: 'S-54',
    });
  });
});

describe('the token endpoint checks the proof (A-57)', () => {
  it('refuses an invalid proof with invalid_dpop_proof', async () => {
    const w = world();
    const key = keyedByThumbprint(deriveSigningKey(createRng('k'), ''));
    const res = await send(w, endpoints(w.urls.issuer).token_endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        DPoP: proof(w, key, { htu: w.urls.mcp }),
      },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_dpop_proof' });
    expect(w.recorder.events.findLast((e) => e.kind === 'response')).toMatchObject({ rule: 'A-57' });
  });

  it("binds a public client's refresh token to the key: another key cannot use it", async () => {
    const run = await runFlow({ seed: 'dpop', scenario: 'dpop', registration: 'preregistered' });
    const body = JSON.parse(responses(run.trace, 'token')[0]?.response?.body ?? '{}') as Record<
      string,
      unknown
    >;
    const w = run.world;
    const thief = keyedByThumbprint(deriveSigningKey(createRng('thief'), ''));
    const url = endpoints(w.urls.issuer).token_endpoint;
    const res = await send(w, url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', DPoP: proof(w, thief, { htu: url }) },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: String(body.refresh_token),
        client_id: PREREGISTERED_CLIENT_ID,
      }).toString(),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
    expect(w.recorder.events.findLast((e) => e.kind === 'response')).toMatchObject({ rule: 'A-57' });
  });
});
