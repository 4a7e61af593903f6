/**
 * Client credentials with a signed assertion (EXT-CC; RFC 7523 §2.2, §3): the flow as the extension
 * draws it, the assertion the client signs (C-70, C-71), and each check of the authorization
 * server refusing with invalid_client and its own rule.
 */
import { base64url } from 'jose';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { chooseAuthMethod } from '../src/sim/client/tokens';
import { deriveSigningKey, peekJwt, signJws } from '../src/sim/crypto/jwt';
import { runFlow } from '../src/sim/flow/simulation';
import { CLIENT_ASSERTION_TYPE } from '../src/sim/oauth/urns';
import { authServerMetadata, endpoints } from '../src/sim/servers/auth/metadata';
import { MACHINE_JWT_CLIENT_ID } from '../src/sim/servers/auth/state';
import type { TraceEvent } from '../src/sim/trace/types';
import { createRng } from '../src/sim/world/random';
import type { World } from '../src/sim/world/world';
import { send, world } from './helpers';

function assertion(w: World, claims: Record<string, unknown> = {}, key = w.clientHost.signingKey): string {
  const now = w.clock.now();
  return signJws(
    { typ: 'JWT', kid: key.kid },
    {
      iss: MACHINE_JWT_CLIENT_ID,
      sub: MACHINE_JWT_CLIENT_ID,
      aud: w.urls.issuer,
      iat: now,
      exp: now + 60,
      jti: `jti-${typeof claims.jti === 'string' ? claims.jti : 'a'}`,
      ...claims,
    },
    key,
  );
}

async function tokenRequest(w: World, params: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await send(w, endpoints(w.urls.issuer).token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'files:read',
      resource: w.urls.mcp,
      ...params,
    }).toString(),
  });
  const body = (await res.json()) as Record<string, unknown>;
  const refused = w.recorder.events.findLast((e) => e.kind === 'response');
  return { status: res.status, body, rule: refused?.kind === 'response' ? refused.refusal?.rule : undefined };
}

const withAssertion = (jwt: string) => ({
  client_assertion_type: CLIENT_ASSERTION_TYPE,
  client_assertion: jwt,
});

describe('client credentials with private_key_jwt, end to end', () => {
  it("follows the extension's sequence: 401, metadata, a signed token request, the MCP call", async () => {
    const run = await runFlow({ seed: 'cc-jwt', scenario: 'client-credentials-jwt', registration: 'cimd' });
    expect(run.outcome.kind).toBe('success');
    const steps = run.trace.map((e) => e.stepId).filter((s, i, all) => all[i - 1] !== s);
    expect(steps).toEqual([
      'mcp-unauthenticated',
      'prm-discovery',
      'validate-prm',
      'as-metadata',
      'validate-as-metadata',
      'choose-registration',
      'sign-client-assertion',
      'client-credentials',
      'client-jwks-fetch',
      'verify-client-assertion',
      'client-credentials',
      'mcp-request',
      'jwks-fetch',
      'validate-token',
      'mcp-request',
      'validate-token',
      'mcp-request',
      'flow-ended',
    ]);
  });

  it('sends a signed assertion and no secret: iss = sub = client_id, aud = issuer, a one-minute exp, a jti', async () => {
    const run = await runFlow({ seed: 'cc-jwt', scenario: 'client-credentials-jwt', registration: 'cimd' });
    const request = run.trace.find(
      (e): e is Extract<TraceEvent, { kind: 'request' }> =>
        e.kind === 'request' && e.stepId === 'client-credentials',
    );
    const form = new URLSearchParams(request?.request.body ?? '');
    expect(form.get('client_assertion_type')).toBe(CLIENT_ASSERTION_TYPE);
    expect(form.has('client_secret')).toBe(false);
    // EXT-CC §Examples: client_id is conveyed by the assertion's sub, not as a parameter.
    expect(form.has('client_id')).toBe(false);
    expect(request?.request.headers.some(([n]) => n.toLowerCase() === 'authorization')).toBe(false);
    const decoded = peekJwt(form.get('client_assertion') ?? '');
    expect(decoded?.payload).toMatchObject({
      iss: MACHINE_JWT_CLIENT_ID,
      sub: MACHINE_JWT_CLIENT_ID,
      aud: run.world.urls.issuer,
    });
    const { iat, exp, jti } = decoded?.payload ?? {};
    expect(typeof jti).toBe('string');
    expect(Number(exp) - Number(iat)).toBe(60);
    // Each request declares the extension in its capabilities (C-72).
    const mcp = run.trace.find((e) => e.kind === 'request' && e.stepId === 'mcp-request');
    expect(mcp?.kind === 'request' && mcp.request.body).toContain(
      'io.modelcontextprotocol/oauth-client-credentials',
    );
  });

  it('is deterministic by seed: the same seed signs the same assertion', async () => {
    const a = await runFlow({ seed: 'same', scenario: 'client-credentials-jwt', registration: 'cimd' });
    const b = await runFlow({ seed: 'same', scenario: 'client-credentials-jwt', registration: 'cimd' });
    const body = (run: typeof a) =>
      run.trace.find((e) => e.kind === 'request' && e.stepId === 'client-credentials');
    expect(body(a)).toEqual(body(b));
  });

  it('advertises private_key_jwt and its algorithms (A-50)', async () => {
    const w = world();
    const res = await send(w, `${w.urls.issuer}/.well-known/oauth-authorization-server`);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.token_endpoint_auth_methods_supported).toContain('private_key_jwt');
    expect(doc.token_endpoint_auth_signing_alg_values_supported).toEqual(['ES256']);
  });
});

describe('the authorization server verifies the assertion (A-51, A-52)', () => {
  it('accepts a valid one and issues a token for the client itself', async () => {
    const w = world();
    const r = await tokenRequest(w, withAssertion(assertion(w)));
    expect(r.status).toBe(200);
    expect(peekJwt(String(r.body.access_token))?.payload.sub).toBe(MACHINE_JWT_CLIENT_ID);
  });

  it('refuses an assertion made for another server (aud), with invalid_client', async () => {
    const w = world();
    const r = await tokenRequest(w, withAssertion(assertion(w, { aud: 'https://attacker-as.example' })));
    expect(r).toMatchObject({ status: 400, body: { error: 'invalid_client' }, rule: 'A-51' });
  });

  it('refuses the token endpoint URL as aud too: the audience is the issuer identifier (rfc7523bis)', async () => {
    const w = world();
    const r = await tokenRequest(
      w,
      withAssertion(assertion(w, { aud: endpoints(w.urls.issuer).token_endpoint })),
    );
    expect(r).toMatchObject({ body: { error: 'invalid_client' }, rule: 'A-51' });
  });

  it('refuses an expired assertion', async () => {
    const w = world();
    const jwt = assertion(w);
    w.clock.advance(61);
    const r = await tokenRequest(w, withAssertion(jwt));
    expect(r).toMatchObject({ body: { error: 'invalid_client' }, rule: 'A-51' });
  });

  it('refuses an assertion used a second time (its jti), and forgets it once it expired', async () => {
    const w = world();
    const jwt = assertion(w);
    expect((await tokenRequest(w, withAssertion(jwt))).status).toBe(200);
    const again = await tokenRequest(w, withAssertion(jwt));
    expect(again).toMatchObject({ body: { error: 'invalid_client' }, rule: 'A-52' });
  });

  it('refuses an assertion signed with another key', async () => {
    const w = world();
    const other = deriveSigningKey(createRng('someone else'), w.clientHost.signingKey.kid);
    const r = await tokenRequest(w, withAssertion(assertion(w, {}, other)));
    expect(r).toMatchObject({ body: { error: 'invalid_client' }, rule: 'A-51' });
  });

  it('refuses an assertion whose iss is not the client', async () => {
    const w = world();
    const r = await tokenRequest(w, withAssertion(assertion(w, { iss: 'someone-else' })));
    expect(r).toMatchObject({ body: { error: 'invalid_client' }, rule: 'A-51' });
  });

  it('refuses a wrong client_assertion_type, a client_id that disagrees, and two methods at once', async () => {
    const w = world();
    const jwt = assertion(w);
    expect(
      await tokenRequest(w, { client_assertion_type: 'urn:example:other', client_assertion: jwt }),
    ).toMatchObject({ body: { error: 'invalid_client' }, rule: 'A-51' });
    expect(
      await tokenRequest(w, { ...withAssertion(jwt), client_id: 'mcp-sim-reporting-bot' }),
    ).toMatchObject({
      body: { error: 'invalid_client' },
      rule: 'A-51',
    });
    expect(await tokenRequest(w, { ...withAssertion(jwt), client_secret: 'x' })).toMatchObject({
      body: { error: 'invalid_request' },
      rule: 'A-20',
    });
  });

  it('refuses a client that has a key but sends only its client_id', async () => {
    const w = world();
    const r = await tokenRequest(w, { client_id: MACHINE_JWT_CLIENT_ID });
    expect(r).toMatchObject({ body: { error: 'invalid_client' } });
  });

  it('refuses garbage in client_assertion without a crash', async () => {
    const w = world();
    for (const value of ['', 'not-a-jwt', `${base64url.encode('{}')}.e30.`, 'a.b.c']) {
      const r = await tokenRequest(w, withAssertion(value));
      expect(r.status).toBe(400);
      expect(['invalid_client', 'invalid_request']).toContain(r.body.error);
    }
  });
});

describe('the client chooses how to authenticate (C-70)', () => {
  const key = deriveSigningKey(createRng('k'), 'k');
  it('uses private_key_jwt when it holds a key, a secret method from the metadata otherwise', () => {
    expect(chooseAuthMethod({ client_id: 'c', private_key: key }, ['private_key_jwt'])).toBe(
      'private_key_jwt',
    );
    expect(chooseAuthMethod({ client_id: 'c', client_secret: 's' }, ['client_secret_post'])).toBe(
      'client_secret_post',
    );
    expect(
      chooseAuthMethod({ client_id: 'c', client_secret: 's' }, ['client_secret_basic', 'client_secret_post']),
    ).toBe('client_secret_basic');
    expect(chooseAuthMethod({ client_id: 'c', client_secret: 's' }, undefined)).toBe('client_secret_basic');
  });

  it('stops before signing anything when the server does not list private_key_jwt', async () => {
    const run = await runFlow({
      seed: 'no-jwt',
      scenario: 'client-credentials-jwt',
      registration: 'cimd',
      extraHandlers: (w) => [
        // A server whose metadata offers only secrets.
        http.get(`${w.urls.issuer}/.well-known/oauth-authorization-server`, () =>
          Response.json({
            ...authServerMetadata(w.urls.issuer),
            token_endpoint_auth_methods_supported: ['client_secret_basic'],
          }),
        ),
      ],
    });
    expect(run.outcome).toMatchObject({ kind: 'refused', rule: 'C-70' });
    expect(run.trace.some((e) => e.kind === 'request' && e.stepId === 'client-credentials')).toBe(false);
  });
});

describe('a client secret both ways, the method from the metadata (EXT-CC §Client Authentication Methods)', () => {
  const tokenRequest = (trace: readonly TraceEvent[]) =>
    trace.find((e) => e.kind === 'request' && e.stepId === 'client-credentials');

  it.each([
    ['client_secret_basic', ['client_secret_basic', 'client_secret_post']],
    ['client_secret_post', ['client_secret_post']],
  ])(
    '%s: the secret travels where the method says, and the authorization server takes it',
    async (method, listed) => {
      const run = await runFlow({
        seed: 'secret-both-ways',
        scenario: 'client-credentials',
        registration: 'cimd',
        extraHandlers: (w) => [
          http.get(`${w.urls.issuer}/.well-known/oauth-authorization-server`, () =>
            Response.json({
              ...authServerMetadata(w.urls.issuer),
              token_endpoint_auth_methods_supported: listed,
            }),
          ),
        ],
      });
      expect(run.outcome.kind).toBe('success');
      const request = tokenRequest(run.trace);
      if (request?.kind !== 'request') throw new Error('no token request');
      const auth = request.request.headers.find(([name]) => name.toLowerCase() === 'authorization')?.[1];
      const form = new URLSearchParams(request.request.body ?? '');
      if (method === 'client_secret_basic') {
        expect(auth).toMatch(/^Basic /);
        expect(form.has('client_secret')).toBe(false);
      } else {
        expect(auth).toBeUndefined();
        expect(form.get('client_id')).toBeTruthy();
        expect(form.get('client_secret')).toBeTruthy();
      }
      const response = run.trace.find((e) => e.kind === 'response' && e.stepId === 'client-credentials');
      expect(response?.kind === 'response' ? response.response?.status : 0).toBe(200);
    },
  );
});
