/**
 * Enterprise-managed authorization (EXT-EMA; SEP-990): the run follows the extension's sequence
 * (single sign-on, token exchange at the IdP, JWT bearer grant, MCP calls, no consent page), and
 * each rule of the IdP (I-xx) and of the MCP authorization server (A-52..A-56) refuses with its
 * exact error and rule.
 */
import { describe, expect, it } from 'vitest';
import { peekJwt, signJws } from '../src/sim/crypto/jwt';
import { runFlow } from '../src/sim/flow/simulation';
import {
  EXTENSION_ENTERPRISE,
  ID_JAG_TOKEN_TYPE,
  ID_JAG_TYP,
  ID_TOKEN_TYPE,
  JWT_BEARER_GRANT,
  TOKEN_EXCHANGE_GRANT,
} from '../src/sim/oauth/urns';
import { endpoints } from '../src/sim/servers/auth/metadata';
import { idpEndpoints } from '../src/sim/servers/idp/metadata';
import { ENTERPRISE_USER, IDP_CLIENT_ID } from '../src/sim/servers/idp/state';
import { signJwt } from '../src/sim/crypto/jwt';
import type { RequestEvent, ResponseEvent, TraceEvent } from '../src/sim/trace/types';
import type { World } from '../src/sim/world/world';
import { send, world } from './helpers';

const isRequest =
  (step: string) =>
  (e: TraceEvent): e is RequestEvent =>
    e.kind === 'request' && e.stepId === step;
const isResponse =
  (step: string) =>
  (e: TraceEvent): e is ResponseEvent =>
    e.kind === 'response' && e.stepId === step;

function idToken(w: World, claims: Record<string, unknown> = {}): string {
  const now = w.clock.now();
  return signJwt(
    { iss: w.urls.idp, sub: ENTERPRISE_USER.sub, aud: IDP_CLIENT_ID, iat: now, exp: now + 3600, ...claims },
    w.idp.key,
    'JWT',
  );
}

async function post(w: World, url: string, params: Record<string, string>) {
  const res = await send(w, url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  const body = (await res.json()) as Record<string, unknown>;
  const last = w.recorder.events.findLast((e) => e.kind === 'response');
  return { status: res.status, body, rule: last?.kind === 'response' ? last.refusal?.rule : undefined };
}

function exchange(w: World, params: Record<string, string> = {}) {
  return post(w, idpEndpoints(w.urls.idp).token_endpoint, {
    grant_type: TOKEN_EXCHANGE_GRANT,
    requested_token_type: ID_JAG_TOKEN_TYPE,
    audience: w.urls.issuer,
    resource: w.urls.mcp,
    scope: 'files:read',
    subject_token: idToken(w),
    subject_token_type: ID_TOKEN_TYPE,
    client_id: IDP_CLIENT_ID,
    ...params,
  });
}

/** An ID-JAG signed by the world's IdP, with claims to override. */
function idJag(w: World, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}): string {
  const now = w.clock.now();
  return signJws(
    { typ: ID_JAG_TYP, kid: w.idp.key.kid, ...header },
    {
      iss: w.urls.idp,
      sub: ENTERPRISE_USER.sub,
      aud: w.urls.issuer,
      resource: w.urls.mcp,
      client_id: w.urls.cimd,
      jti: `jag-${typeof claims.jti === 'string' ? claims.jti : 'a'}`,
      iat: now,
      exp: now + 300,
      scope: 'files:read',
      ...claims,
    },
    w.idp.key,
  );
}

function bearerGrant(w: World, assertion: string, params: Record<string, string> = {}) {
  return post(w, endpoints(w.urls.issuer).token_endpoint, {
    grant_type: JWT_BEARER_GRANT,
    assertion,
    client_id: w.urls.cimd,
    ...params,
  });
}

describe('the enterprise-managed flow', () => {
  it('follows EXT-EMA §2.1: sign-in, ID token, exchange for an ID-JAG, the JWT bearer grant, MCP calls', async () => {
    const run = await runFlow({ seed: 'ema', scenario: 'enterprise', registration: 'dcr' });
    expect(run.outcome.kind).toBe('success');
    const order = [
      'sso-authorize',
      'sso-token',
      'validate-id-token',
      'mcp-unauthenticated',
      'token-exchange',
      'idp-policy',
      'jwt-bearer',
      'validate-id-jag',
      'mcp-request',
    ].map((step) => run.trace.findIndex((e) => e.stepId === step));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // No authorization request to the MCP authorization server, and no consent page anywhere.
    expect(run.trace.some((e) => e.stepId === 'authorize' || e.stepId === 'user-consent')).toBe(false);
    // The registration chosen (DCR) does not apply: the IdP names the client by its metadata document.
    expect(run.trace.some((e) => e.stepId === 'dcr')).toBe(false);
  });

  it('asks for the ID-JAG with the parameters EXT-EMA §4 requires (C-74)', async () => {
    const run = await runFlow({ seed: 'ema', scenario: 'enterprise', registration: 'cimd' });
    const request = run.trace.find(isRequest('token-exchange'));
    const form = new URLSearchParams(request?.request.body ?? '');
    expect(Object.fromEntries(form)).toMatchObject({
      grant_type: TOKEN_EXCHANGE_GRANT,
      requested_token_type: ID_JAG_TOKEN_TYPE,
      audience: run.world.urls.issuer,
      resource: run.world.urls.mcp,
      subject_token_type: ID_TOKEN_TYPE,
    });
    expect(peekJwt(form.get('subject_token') ?? '')?.payload.aud).toBe(IDP_CLIENT_ID);
  });

  it('receives an ID-JAG shaped as EXT-EMA §4.2 and §4.3 say (I-04, I-05)', async () => {
    const run = await runFlow({ seed: 'ema', scenario: 'enterprise', registration: 'cimd' });
    const response = run.trace.find(isResponse('token-exchange'));
    const body = JSON.parse(response?.response?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ issued_token_type: ID_JAG_TOKEN_TYPE, token_type: 'N_A', expires_in: 300 });
    expect(response?.response?.headers).toContainEqual(['cache-control', 'no-store']);
    const jag = peekJwt(String(body.access_token));
    expect(jag?.header.typ).toBe(ID_JAG_TYP);
    expect(jag?.payload).toMatchObject({
      iss: run.world.urls.idp,
      sub: ENTERPRISE_USER.sub,
      aud: run.world.urls.issuer,
      resource: run.world.urls.mcp,
      client_id: run.world.urls.cimd,
      scope: 'files:read',
    });
    expect(Number(jag?.payload.exp) - Number(jag?.payload.iat)).toBe(300);
    expect(typeof jag?.payload.jti).toBe('string');
  });

  it('presents it with the JWT bearer grant and gets a token for the MCP server, with no refresh token', async () => {
    const run = await runFlow({ seed: 'ema', scenario: 'enterprise', registration: 'cimd' });
    const request = run.trace.find(isRequest('jwt-bearer'));
    expect(new URLSearchParams(request?.request.body ?? '').get('grant_type')).toBe(JWT_BEARER_GRANT);
    const body = JSON.parse(run.trace.find(isResponse('jwt-bearer'))?.response?.body ?? '{}') as Record<
      string,
      unknown
    >;
    expect(body.refresh_token).toBeUndefined();
    expect(peekJwt(String(body.access_token))?.payload).toMatchObject({
      aud: run.world.urls.mcp,
      sub: ENTERPRISE_USER.sub,
    });
  });

  it('negotiates the extension: declared in every request, advertised by server/discover (C-72, S-50)', async () => {
    const run = await runFlow({ seed: 'ema', scenario: 'enterprise', registration: 'cimd' });
    const mcp = run.trace.filter(isRequest('mcp-request'));
    expect(mcp.length).toBeGreaterThan(0);
    for (const e of mcp) expect(e.request.body).toContain(EXTENSION_ENTERPRISE);
    const discover = run.trace.find(
      (e): e is ResponseEvent =>
        isResponse('mcp-request')(e) && (e.response?.body ?? '').includes('supportedVersions'),
    );
    expect(discover?.response?.body).toContain(EXTENSION_ENTERPRISE);
  });
});

describe('the IdP (I-01..I-06)', () => {
  it('issues an ID-JAG for an allowed app, user, server and scope', async () => {
    const w = world();
    const r = await exchange(w);
    expect(r.status).toBe(200);
    expect(r.body.issued_token_type).toBe(ID_JAG_TOKEN_TYPE);
  });

  it('refuses a wrong requested_token_type or subject_token_type with invalid_request', async () => {
    const w = world();
    expect(
      await exchange(w, { requested_token_type: 'urn:ietf:params:oauth:token-type:access_token' }),
    ).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
      rule: 'I-04',
    });
    expect(await exchange(w, { subject_token_type: 'urn:example' })).toMatchObject({
      body: { error: 'invalid_request' },
      rule: 'I-02',
    });
  });

  it('refuses an ID token issued to another client (I-02) or expired', async () => {
    const w = world();
    expect(await exchange(w, { subject_token: idToken(w, { aud: 'someone-else' }) })).toMatchObject({
      body: { error: 'invalid_grant' },
      rule: 'I-02',
    });
    expect(await exchange(w, { subject_token: idToken(w, { exp: w.clock.now() - 1 }) })).toMatchObject({
      body: { error: 'invalid_grant' },
      rule: 'I-02',
    });
  });

  it("applies the company's policy: no grant for a server or scope it does not allow (I-03)", async () => {
    const w = world();
    expect(await exchange(w, { resource: 'https://unknown.example/mcp' })).toMatchObject({
      body: { error: 'invalid_target' },
      rule: 'I-03',
    });
    expect(await exchange(w, { scope: 'admin:*' })).toMatchObject({
      body: { error: 'invalid_scope' },
      rule: 'I-03',
    });
    // A scope it allows in part: the grant is narrowed and says so (RFC 8693 §2.2.1).
    const narrowed = await exchange(w, { scope: 'files:read admin:*' });
    expect(narrowed.body.scope).toBe('files:read');
  });
});

describe('the MCP authorization server validates the ID-JAG (A-52..A-56)', () => {
  it('issues a token for a valid one, audience-restricted to its resource', async () => {
    const w = world();
    const r = await bearerGrant(w, idJag(w));
    expect(r.status).toBe(200);
    expect(peekJwt(String(r.body.access_token))?.payload.aud).toBe(w.urls.mcp);
  });

  it('refuses a JWT not typed oauth-id-jag+jwt (A-53)', async () => {
    const w = world();
    expect(await bearerGrant(w, idJag(w, {}, { typ: 'JWT' }))).toMatchObject({
      body: { error: 'invalid_grant' },
      rule: 'A-53',
    });
  });

  it('refuses an expired one, and one from an IdP it does not trust (A-53)', async () => {
    const w = world();
    expect(await bearerGrant(w, idJag(w, { exp: w.clock.now() - 1 }))).toMatchObject({ rule: 'A-53' });
    expect(await bearerGrant(w, idJag(w, { iss: 'https://other-idp.example' }))).toMatchObject({
      body: { error: 'invalid_grant' },
      rule: 'A-53',
    });
  });

  it('refuses one issued for another authorization server (A-54)', async () => {
    const w = world();
    expect(await bearerGrant(w, idJag(w, { aud: w.urls.attackerIssuer }))).toMatchObject({
      body: { error: 'invalid_grant' },
      rule: 'A-54',
    });
  });

  it('refuses one issued to another client (A-55)', async () => {
    const w = world();
    expect(await bearerGrant(w, idJag(w, { client_id: 'mcp-sim-desktop' }))).toMatchObject({
      body: { error: 'invalid_grant' },
      rule: 'A-55',
    });
  });

  it('refuses one presented twice (A-52)', async () => {
    const w = world();
    const jag = idJag(w);
    expect((await bearerGrant(w, jag)).status).toBe(200);
    expect(await bearerGrant(w, jag)).toMatchObject({ body: { error: 'invalid_grant' }, rule: 'A-52' });
  });

  it('issues only for the resource and scope it names (A-56)', async () => {
    const w = world();
    expect(
      await bearerGrant(w, idJag(w, { resource: w.urls.downstream, scope: 'reports:read' }), {
        resource: w.urls.mcp,
      }),
    ).toMatchObject({ body: { error: 'invalid_grant' }, rule: 'A-56' });
    expect(await bearerGrant(w, idJag(w), { scope: 'files:read files:write' })).toMatchObject({
      body: { error: 'invalid_grant' },
      rule: 'A-56',
    });
  });

  it('refuses a missing assertion with invalid_request and garbage without a crash', async () => {
    const w = world();
    const missing = await post(w, endpoints(w.urls.issuer).token_endpoint, {
      grant_type: JWT_BEARER_GRANT,
      client_id: w.urls.cimd,
    });
    expect(missing).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    for (const junk of ['x', 'a.b.c', 'eyJ0eXAiOiJvYXV0aC1pZC1qYWcrand0In0.e30.'])
      expect((await bearerGrant(w, junk)).body.error).toBe('invalid_grant');
  });
});
